// A small streaming JSON writer that appends straight to a string, formatted byte for byte like
// nlohmann::json::dump(indent) (indent < 0: compact). No document is built, so writing a large
// programme costs a few appends per value instead of a tree of allocations.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rehab::io {

class JsonWriter {
public:
    JsonWriter(std::string& out, int indent) : out_(out), indent_(indent) {}

    JsonWriter& key(std::string_view k);  // inside an object: the next value belongs to it
    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    void string(std::string_view s);
    void integer(std::int64_t v);
    void number(double v);  // as nlohmann writes a double (shortest round trip, its exponent rules)
    void boolean(bool b);

    // Shorthands for "key": value.
    void field(std::string_view k, std::string_view v) { key(k).string(v); }
    void field(std::string_view k, const char* v) { key(k).string(v); }
    void field(std::string_view k, const std::string& v) { key(k).string(v); }
    void field_int(std::string_view k, std::int64_t v) { key(k).integer(v); }
    void field_bool(std::string_view k, bool v) { key(k).boolean(v); }
    // "key": v only when v is not empty (optional text fields).
    void field_if(std::string_view k, const std::string& v) {
        if (!v.empty()) field(k, v);
    }

private:
    std::string& out_;
    int indent_;
    std::vector<bool> has_items_;  // per open container: something was written in it
    bool after_key_ = false;

    void open(char c);
    void close(char c);
    void before_value();  // comma, newline and indentation as needed
    void newline_indent(std::size_t depth);
    void escaped(std::string_view s);
};

}  // namespace rehab::io
