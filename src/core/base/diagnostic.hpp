// Diagnostics: user-data problems collected with a stable code and a location, reported all at once.
// The library never throws or exits on bad user data; it fills a Diagnostics list and the app decides.
#pragma once
#include <string>
#include <vector>

namespace rehab {

enum class Severity { error, warning };

struct Diagnostic {
    Severity severity = Severity::error;
    std::string code;     // stable, e.g. "KB006", "RL012", "PR003"
    std::string file;     // file (or "<input>") the problem is in
    std::string pointer;  // JSON pointer inside the file ("" when not applicable)
    int line = 0;         // 1-based line, 0 when unknown
    int column = 0;       // 1-based column (in the file, or in the rule expression), 0 when unknown
    std::string message;  // what was found and what was expected
    std::string hint;     // optional: "did you mean 'adductor_longus'?"
};

class Diagnostics {
public:
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    void error(std::string code, std::string file, std::string pointer, std::string message,
               std::string hint = {}) {
        items_.push_back({Severity::error, std::move(code), std::move(file), std::move(pointer), 0, 0,
                          std::move(message), std::move(hint)});
    }
    void warning(std::string code, std::string file, std::string pointer, std::string message,
                 std::string hint = {}) {
        items_.push_back({Severity::warning, std::move(code), std::move(file), std::move(pointer), 0, 0,
                          std::move(message), std::move(hint)});
    }
    void append(const Diagnostics& other) {
        items_.insert(items_.end(), other.items_.begin(), other.items_.end());
    }
    [[nodiscard]] bool has_errors() const {
        for (const auto& d : items_)
            if (d.severity == Severity::error) return true;
        return false;
    }
    [[nodiscard]] std::size_t error_count() const {
        std::size_t n = 0;
        for (const auto& d : items_) n += d.severity == Severity::error;
        return n;
    }
    [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
    [[nodiscard]] bool empty() const { return items_.empty(); }

private:
    std::vector<Diagnostic> items_;
};

// Nearest candidate by edit distance, for "did you mean" hints ("" when nothing is close).
std::string nearest_name(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace rehab
