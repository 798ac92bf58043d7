// parse_json: JSON text to a document, through a checking SAX handler, so that every problem has a
// line and column: syntax errors, numbers too large for a double (1e999) and duplicate object keys
// (which a plain parse would silently resolve by keeping the last one); nesting deeper than a limit stops
// the parse at the bracket that crosses it, before the document grows.
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <type_traits>
#include <vector>

#include "io/json/reader.hpp"

namespace rehab::io {

namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
}

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing
// value - unexpected '}'; expected '[', '{', or a literal" -> "syntax error: unexpected '}', expected a
// value"
std::string clean_parse_message(std::string what) {
    if (what.rfind("[json.exception.", 0) == 0)
        if (auto close = what.find("] "); close != std::string::npos) what = what.substr(close + 2);
    if (what.rfind("number overflow parsing", 0) == 0)
        return what + ", expected a finite number (one that fits in a double)";
    if (auto p = what.find("syntax error"); p != std::string::npos)
        what = what.substr(p);
    else if (auto c = what.find(": "); c != std::string::npos)
        what = what.substr(c + 2);
    std::string context;
    if (what.rfind("syntax error while parsing ", 0) == 0) {
        auto dash = what.find(" - ");
        const std::size_t start = std::string("syntax error while parsing ").size();
        if (dash != std::string::npos) {
            context = what.substr(start, dash - start);
            what = "syntax error: " + what.substr(dash + 3);
        }
    }
    replace_all(what, "; expected", ", expected");
    replace_all(what, "; last read", ", last read");
    replace_all(what, "'[', '{', or a literal", "a value");
    replace_all(what, "<end of input>", "end of file");
    replace_all(what, "end of input", "end of file");
    if (!context.empty() && context != "value") what += " (while reading " + context + ")";
    return what;
}

// A hint for the usual slips of hand-written JSON, from the character the parser stopped at.
std::string syntax_hint(const std::string& text, std::size_t chars_read) {
    if (chars_read == 0 || chars_read > text.size()) return "";
    const char at = text[chars_read - 1];
    if (at == '}' || at == ']') {
        std::size_t i = chars_read - 1;
        while (i > 0 && std::isspace(static_cast<unsigned char>(text[i - 1]))) --i;
        if (i > 0 && text[i - 1] == ',')
            return std::string("trailing comma? JSON allows no comma before '") + at + "'";
    }
    if (at == '\'') return "JSON strings and keys take double quotes (\"), not single quotes";
    if (at == '/' || at == '#') return "JSON has no comments";
    return "";
}

struct LineColumn {
    int line = 1, column = 1;
};

// The offending character is at chars_read - 1.
LineColumn locate(const std::string& text, std::size_t chars_read) {
    std::size_t offset = chars_read > 0 ? chars_read - 1 : 0;
    if (offset > text.size()) offset = text.size();
    LineColumn at;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++at.line;
            at.column = 1;
        } else {
            ++at.column;
        }
    }
    return at;
}

// Builds the DOM through nlohmann's own handler and checks what it cannot: duplicate keys.
class CheckedSax {
public:
    using json = nlohmann::json;
    CheckedSax(json& root, const std::string& text, const std::string& file, const std::string& code,
               Diagnostics& d, std::size_t max_depth)
        : dom_(root, false), text_(text), file_(file), code_(code), d_(d), max_depth_(max_depth) {}

    bool null() { return value(dom_.null()); }
    bool boolean(bool v) { return value(dom_.boolean(v)); }
    bool number_integer(json::number_integer_t v) { return value(dom_.number_integer(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return value(dom_.number_unsigned(v)); }
    bool number_float(json::number_float_t v, const json::string_t& s) {
        return value(dom_.number_float(v, s));
    }
    bool string(json::string_t& v) { return value(dom_.string(v)); }
    bool binary(json::binary_t& v) { return value(dom_.binary(v)); }
    bool start_object(std::size_t n) {
        if (frames_.size() >= max_depth_) return too_deep();
        frames_.push_back({true, {}, {}, 0});
        return dom_.start_object(n);
    }
    bool key(json::string_t& k) {
        Frame& f = frames_.back();
        if (!f.keys.insert(k).second) {
            ++duplicates_;
            std::string at = pointer();
            at += '/';
            at += json_pointer_escape(k);
            d_.error(code_, {file_, at},
                     "duplicate key '" + k + "': the object has it more than once, expected each key once");
        }
        f.key = k;
        return dom_.key(k);
    }
    bool end_object() {
        frames_.pop_back();
        return value(dom_.end_object());
    }
    bool start_array(std::size_t n) {
        if (frames_.size() >= max_depth_) return too_deep();
        frames_.push_back({false, {}, {}, 0});
        return dom_.start_array(n);
    }
    bool end_array() {
        frames_.pop_back();
        return value(dom_.end_array());
    }
    template <class Exception>
    bool parse_error(std::size_t position, const std::string& token, const Exception& ex) {
        // A number overflow is found after its whole token was read: point at the token's start.
        if constexpr (std::is_same_v<Exception, nlohmann::json::out_of_range>)
            if (position >= token.size()) position -= token.size() - 1;
        const LineColumn at = locate(text_, position);
        d_.error(code_, Location{file_, {}, at.line, at.column}, clean_parse_message(ex.what()),
                 syntax_hint(text_, position));
        failed_ = true;
        return false;
    }
    bool ok() const { return !failed_ && duplicates_ == 0; }

private:
    struct Frame {
        bool object = true;
        std::set<std::string> keys;
        std::string key;
        std::size_t index = 0;
    };
    nlohmann::detail::json_sax_dom_parser<json> dom_;
    const std::string& text_;
    const std::string& file_;
    const std::string& code_;
    Diagnostics& d_;
    std::vector<Frame> frames_;
    std::size_t max_depth_;
    int duplicates_ = 0;
    bool failed_ = false;

    // The SAX interface gives no position: find the bracket that opens level max_depth + 1.
    bool too_deep() {
        std::size_t depth = 0, offset = 0;
        bool in_string = false, escaped = false;
        for (; offset < text_.size(); ++offset) {
            const char c = text_[offset];
            if (in_string) {
                if (escaped)
                    escaped = false;
                else if (c == '\\')
                    escaped = true;
                else if (c == '"')
                    in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '[' || c == '{') {
                if (++depth > max_depth_) break;
            } else if (c == ']' || c == '}') {
                if (depth > 0) --depth;
            }
        }
        const LineColumn at = locate(text_, offset + 1);
        d_.error(code_, Location{file_, {}, at.line, at.column},
                 "objects and arrays nested more than " + std::to_string(max_depth_) +
                     " levels deep, expected at most " + std::to_string(max_depth_) +
                     " (the limit for this input)");
        failed_ = true;
        return false;
    }

    bool value(bool r) {  // a value is complete: the enclosing array moves to its next index
        if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
        return r;
    }
    std::string pointer() const {
        std::string p;
        for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {  // the innermost frame holds the key checked
            p += '/';  // (appended piecewise: GCC 12 warns falsely on "/" + std::string at -O2)
            p += frames_[i].object ? json_pointer_escape(frames_[i].key) : std::to_string(frames_[i].index);
        }
        return p;
    }
};

}  // namespace

std::optional<nlohmann::json> parse_json(const std::string& text, const std::string& file, Diagnostics& d,
                                         const std::string& code, std::size_t max_depth) {
    nlohmann::json root;
    CheckedSax sax(root, text, file, code, d, max_depth);
    const bool parsed = nlohmann::json::sax_parse(text, &sax, nlohmann::json::input_format_t::json, true);
    if (!parsed || !sax.ok()) return std::nullopt;
    return root;
}

}  // namespace rehab::io
