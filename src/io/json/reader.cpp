// Shared JSON reading helpers: file reading, parsing with line:column, and typed field access
// with located diagnostics. Used for knowledge files, rule files and patient profiles.
#include "io/json/reader.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <istream>
#include <sstream>

namespace rehab::io {

std::string byte_size_text(std::size_t bytes) {
    if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0)
        return std::to_string(bytes >> 20) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes >> 10) + " KiB";
    return std::to_string(bytes) + " bytes";
}

std::optional<std::string> read_text_stream(std::istream& in, const std::string& name, Diagnostics& d,
                                            const std::string& code, std::size_t max_bytes) {
    std::string out;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        out.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (out.size() > max_bytes) {
            d.error(code, {name, ""},
                    "input is larger than the limit of " + byte_size_text(max_bytes) + ", stopped reading");
            return std::nullopt;
        }
    }
    if (in.bad()) {
        d.error(code, {name, ""}, "error while reading file");
        return std::nullopt;
    }
    return out;
}

std::optional<std::string> read_text_file(const std::string& path, Diagnostics& d, const std::string& code,
                                          std::size_t max_bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        d.error(code, {path, ""}, "cannot open file for reading: " + std::string(std::strerror(errno)));
        return std::nullopt;
    }
    return read_text_stream(in, path, d, code, max_bytes);
}

std::string json_pointer_escape(const std::string& key) {
    std::string out;
    out.reserve(key.size());
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string json_type_name(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null:
            return "null";
        case nlohmann::json::value_t::object:
            return "an object";
        case nlohmann::json::value_t::array:
            return "an array";
        case nlohmann::json::value_t::string:
            return "a string";
        case nlohmann::json::value_t::boolean:
            return "a boolean";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
            return "an integer";
        case nlohmann::json::value_t::number_float:
            return "a number";
        default:
            return "a binary value";
    }
}

FieldReader::FieldReader(const nlohmann::json& object, std::string file, std::string pointer, Diagnostics& d,
                         std::string code_prefix)
    : json_(&object),
      file_(std::move(file)),
      pointer_(std::move(pointer)),
      d_(&d),
      prefix_(std::move(code_prefix)),
      is_object_(object.is_object()) {
    if (!is_object_)
        d_->error(prefix_ + "002", {file_, pointer_}, "expected an object, found " + json_type_name(object));
}

std::string FieldReader::child_pointer(const std::string& key) const {
    return pointer_ + "/" + json_pointer_escape(key);
}

bool FieldReader::has(const std::string& key) const {
    if (!is_object_) return false;
    auto it = json_->find(key);
    return it != json_->end() && !it->is_null();
}

const nlohmann::json* FieldReader::find(const std::string& key, bool required) {
    if (!is_object_) return nullptr;
    auto it = json_->find(key);
    if (it == json_->end() || it->is_null()) {
        if (required)
            d_->error(prefix_ + "003", {file_, child_pointer(key)}, "missing required field '" + key + "'");
        return nullptr;
    }
    return &*it;
}

void FieldReader::wrong_type(const std::string& key, const nlohmann::json& value, const char* expected) {
    d_->error(prefix_ + "002", {file_, child_pointer(key)},
              "field '" + key + "' should be " + expected + ", found " + json_type_name(value));
}

std::optional<std::string> FieldReader::string(const std::string& key, bool required) {
    const auto* v = find(key, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        wrong_type(key, *v, "a string");
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<double> FieldReader::number(const std::string& key, bool required, double min, double max) {
    const auto* v = find(key, required);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
        wrong_type(key, *v, "a number");
        return std::nullopt;
    }
    double x = v->get<double>();
    if (!(x >= min && x <= max)) {
        std::ostringstream msg;
        msg << "field '" << key << "' is " << x << ", expected a value from " << min << " to " << max;
        d_->error(prefix_ + "007", {file_, child_pointer(key)}, msg.str());
        return std::nullopt;
    }
    return x;
}

std::optional<int> FieldReader::integer(const std::string& key, bool required, int min, int max) {
    const auto* v = find(key, required);
    if (!v) return std::nullopt;
    if (!v->is_number() || (v->is_number_float() && std::trunc(v->get<double>()) != v->get<double>())) {
        wrong_type(key, *v, "an integer");
        return std::nullopt;
    }
    double x = v->get<double>();
    if (!(x >= min && x <= max)) {
        std::ostringstream msg;
        msg << "field '" << key << "' is " << x << ", expected an integer from " << min << " to " << max;
        d_->error(prefix_ + "007", {file_, child_pointer(key)}, msg.str());
        return std::nullopt;
    }
    return static_cast<int>(x);
}

std::optional<bool> FieldReader::boolean(const std::string& key, bool required) {
    const auto* v = find(key, required);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
        wrong_type(key, *v, "true or false");
        return std::nullopt;
    }
    return v->get<bool>();
}

std::vector<std::string> FieldReader::string_list(const std::string& key, bool required) {
    std::vector<std::string> out;
    const auto* v = find(key, required);
    if (!v) return out;
    if (!v->is_array()) {
        wrong_type(key, *v, "an array of strings");
        return out;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
        const auto& item = (*v)[i];
        if (item.is_string()) {
            out.push_back(item.get<std::string>());
        } else {
            d_->error(prefix_ + "002", {file_, child_pointer(key) + "/" + std::to_string(i)},
                      "item " + std::to_string(i) + " of '" + key + "' should be a string, found " +
                          json_type_name(item));
        }
    }
    return out;
}

const nlohmann::json* FieldReader::object(const std::string& key, bool required) {
    const auto* v = find(key, required);
    if (v && !v->is_object()) {
        wrong_type(key, *v, "an object");
        return nullptr;
    }
    return v;
}

const nlohmann::json* FieldReader::array(const std::string& key, bool required) {
    const auto* v = find(key, required);
    if (v && !v->is_array()) {
        wrong_type(key, *v, "an array");
        return nullptr;
    }
    return v;
}

const nlohmann::json* FieldReader::value(const std::string& key, bool required) {
    return find(key, required);
}

std::optional<std::string> FieldReader::enumeration(const std::string& key, bool required,
                                                    const std::vector<std::string>& allowed) {
    auto value = string(key, required);
    if (!value) return std::nullopt;
    for (const auto& a : allowed)
        if (a == *value) return value;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    auto near = nearest_name(*value, allowed);
    d_->error(prefix_ + "007", {file_, child_pointer(key)},
              "field '" + key + "' is '" + *value + "', expected one of: " + list,
              near.empty() ? "" : "did you mean '" + near + "'?");
    return std::nullopt;
}

void FieldReader::allow_only(const std::vector<std::string>& keys) {
    if (!is_object_) return;
    for (const auto& [key, value] : json_->items()) {
        bool known = false;
        for (const auto& k : keys) known = known || k == key;
        if (known) continue;
        if (d_->truncated()) {  // counted, not kept: no pointer, message or hint to build
            d_->error(prefix_ + "004", {}, {});
            continue;
        }
        auto near = nearest_name(key, keys);
        d_->error(prefix_ + "004", {file_, child_pointer(key)}, "unknown field '" + key + "'",
                  near.empty() ? "" : "did you mean '" + near + "'?");
    }
}

}  // namespace rehab::io
