// JsonWriter: nlohmann's layout rules (", " never; ": " and one item a line when indented, "{}" and
// "[]" when empty) and its string escaping (\b \f \n \r \t \" \\, other control bytes as \u00xx,
// UTF-8 passed through). Doubles go through nlohmann itself so that every digit and exponent match.
#include "io/json/writer.hpp"

#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>

namespace rehab::io {

JsonWriter& JsonWriter::key(std::string_view k) {
    before_value();
    out_ += '"';
    escaped(k);
    out_ += indent_ >= 0 ? "\": " : "\":";
    after_key_ = true;
    return *this;
}

void JsonWriter::string(std::string_view s) {
    before_value();
    out_ += '"';
    escaped(s);
    out_ += '"';
}

void JsonWriter::integer(std::int64_t v) {
    before_value();
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, end);
}

void JsonWriter::number(double v) {
    before_value();
    out_ += nlohmann::json(v).dump();
}

void JsonWriter::boolean(bool b) {
    before_value();
    out_ += b ? "true" : "false";
}

void JsonWriter::open(char c) {
    before_value();
    out_ += c;
    has_items_.push_back(false);
}

void JsonWriter::close(char c) {
    const bool had = has_items_.back();
    has_items_.pop_back();
    if (had && indent_ >= 0) newline_indent(has_items_.size());
    out_ += c;
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (has_items_.empty()) return;
    if (has_items_.back()) out_ += ',';
    has_items_.back() = true;
    if (indent_ >= 0) newline_indent(has_items_.size());
}

void JsonWriter::newline_indent(std::size_t depth) {
    static const std::string spaces = "\n" + std::string(64, ' ');
    const std::size_t n = 1 + depth * static_cast<std::size_t>(indent_);
    if (n <= spaces.size()) {
        out_.append(spaces, 0, n);
    } else {
        out_ += '\n';
        out_.append(n - 1, ' ');
    }
}

namespace {

// Whether any of the 8 bytes in `w` is below 0x20, a quote or a backslash (the classic "has zero
// byte" and "has byte less than" bit tricks; both answers are exact). Such a word is then escaped
// byte by byte; the plain ones (nearly all text) are copied as they are.
bool needs_escape(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    auto zero_byte = [](std::uint64_t x) { return (x - ones) & ~x & high; };
    return (zero_byte(w ^ (ones * '"')) | zero_byte(w ^ (ones * '\\')) | ((w - ones * 0x20) & ~w & high)) !=
           0;
}

}  // namespace

void JsonWriter::escaped(std::string_view s) {
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i % 8 == 0)
            while (i + 8 <= s.size()) {  // skip plain words of 8 bytes at a time
                std::uint64_t w;
                std::memcpy(&w, s.data() + i, 8);
                if (needs_escape(w)) break;
                i += 8;
            }
        if (i >= s.size()) break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out_.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out_ += "\\\"";
                break;
            case '\\':
                out_ += "\\\\";
                break;
            case '\b':
                out_ += "\\b";
                break;
            case '\f':
                out_ += "\\f";
                break;
            case '\n':
                out_ += "\\n";
                break;
            case '\r':
                out_ += "\\r";
                break;
            case '\t':
                out_ += "\\t";
                break;
            default: {
                static const char hex[] = "0123456789abcdef";
                const char u[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                out_.append(u, sizeof u);
            }
        }
    }
    out_.append(s.data() + run, s.size() - run);
}

}  // namespace rehab::io
