// Shared JSON reading helpers for knowledge, rules and patient profiles: read a file, parse it with
// line:column diagnostics, and read typed fields of an object with located diagnostics
// (file + JSON pointer) instead of exceptions. Codes are the caller's prefix + 002/003/004/007.
#pragma once
#include <cstddef>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/diagnostic.hpp"

namespace rehab::io {

// Input limits (README "Limits"): the size of what is read and the nesting of objects and arrays,
// both checked before a document is built, so memory is bounded by the limit, not by the input.
inline constexpr std::size_t max_profile_bytes = std::size_t{1} << 20;  // a profile, stdin, a batch line
inline constexpr std::size_t max_data_file_bytes = std::size_t{16}
                                                   << 20;  // a knowledge, rules, scenario file
inline constexpr std::size_t max_profile_depth = 64;       // profiles and batch lines
inline constexpr std::size_t max_data_depth = 128;         // knowledge, rules, scenarios

// "1 MiB", "16 MiB", "512 bytes": a limit for messages.
std::string byte_size_text(std::size_t bytes);

// Whole file as text; on failure (cannot open or read, larger than max_bytes) one error with `code`
// and nullopt.
std::optional<std::string> read_text_file(const std::string& path, Diagnostics& d, const std::string& code,
                                          std::size_t max_bytes = max_data_file_bytes);
// The rest of a stream (standard input) as text, at most max_bytes; `name` locates the error.
std::optional<std::string> read_text_stream(std::istream& in, const std::string& name, Diagnostics& d,
                                            const std::string& code, std::size_t max_bytes);

// Parses JSON; on a syntax error, or objects and arrays nested more than max_depth levels, one error
// with `code`, line and column, and nullopt.
std::optional<nlohmann::json> parse_json(const std::string& text, const std::string& file, Diagnostics& d,
                                         const std::string& code, std::size_t max_depth = max_data_depth);

// Escapes a key for use as a JSON pointer token ("~" -> "~0", "/" -> "~1").
std::string json_pointer_escape(const std::string& key);

// Short JSON type name for messages: "a string", "an array", ...
std::string json_type_name(const nlohmann::json& value);

// Reads the fields of one JSON object (which must outlive the reader). A field that is absent or
// null counts as missing.
// Codes: prefix+"002" wrong type, "003" missing required field, "004" unknown field,
// "007" out of range / not in the enumeration.
class FieldReader {
public:
    FieldReader(const nlohmann::json& object, std::string file, std::string pointer, Diagnostics& d,
                std::string code_prefix);

    std::optional<std::string> string(const std::string& key, bool required);
    std::optional<double> number(const std::string& key, bool required, double min, double max);
    std::optional<int> integer(const std::string& key, bool required, int min, int max);
    std::optional<bool> boolean(const std::string& key, bool required);
    std::vector<std::string> string_list(const std::string& key, bool required);
    const nlohmann::json* object(const std::string& key, bool required);
    const nlohmann::json* array(const std::string& key, bool required);
    // The raw value of any type (nullptr when missing; reports a missing required field).
    const nlohmann::json* value(const std::string& key, bool required);
    std::optional<std::string> enumeration(const std::string& key, bool required,
                                           const std::vector<std::string>& allowed);
    // Reports every field not in `keys` (with the nearest allowed field as a hint).
    void allow_only(const std::vector<std::string>& keys);

    [[nodiscard]] std::string child_pointer(const std::string& key) const;
    [[nodiscard]] bool is_object() const { return is_object_; }
    [[nodiscard]] bool has(const std::string& key) const;
    [[nodiscard]] const std::string& file() const { return file_; }
    [[nodiscard]] const std::string& pointer() const { return pointer_; }
    [[nodiscard]] Diagnostics& diagnostics() const { return *d_; }
    [[nodiscard]] const std::string& code_prefix() const { return prefix_; }

    // Records a wrong-type error for `key`: "field 'key' should be <expected>, found <type>".
    void wrong_type(const std::string& key, const nlohmann::json& value, const char* expected);

private:
    const nlohmann::json* find(const std::string& key, bool required);

    const nlohmann::json* json_;
    std::string file_, pointer_;
    Diagnostics* d_;
    std::string prefix_;
    bool is_object_ = false;
};

}  // namespace rehab::io
