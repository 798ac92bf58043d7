// Diagnostics: user-data problems collected with a stable code and a location, reported all at once.
// The library never throws or exits on bad user data; it fills a Diagnostics list and the app decides.
// error() and warning() are the one way to add one; the list keeps at most max_errors errors.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/base/location.hpp"

namespace rehab {

enum class Severity { error, warning };

struct Diagnostic {
    Severity severity = Severity::error;
    std::string code;     // stable, e.g. "KB006", "RL012", "PR003"
    Location location;    // file, JSON pointer, line and column
    std::string message;  // what was found and what was expected
    std::string hint;     // optional: "did you mean 'adductor_longus'?"
};

class Diagnostics {
public:
    // After this many errors the list stops collecting: one last "too many errors" error (DG001)
    // is added, and later errors and warnings are counted but not kept.
    static constexpr std::size_t max_errors = 100;

    void error(std::string code, Location where, std::string message, std::string hint = {});
    void warning(std::string code, Location where, std::string message, std::string hint = {});
    void append(const Diagnostics& other);

    [[nodiscard]] bool has_errors() const { return errors_ > 0; }
    // Every error reported, kept or not (so "did this pass add errors" holds after the cap).
    [[nodiscard]] std::size_t error_count() const { return errors_; }
    [[nodiscard]] std::size_t warning_count() const { return warnings_; }
    // True once the list keeps no more: a caller may then skip building messages and hints, and report
    // with an empty location and message (only counted).
    [[nodiscard]] bool truncated() const { return truncated_; }
    [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
    [[nodiscard]] bool empty() const { return items_.empty(); }

private:
    static constexpr const char* too_many_code = "DG001";
    void push(Diagnostic d);
    void stop(const std::string& file);  // adds the "too many errors" diagnostic, once

    std::vector<Diagnostic> items_;
    std::size_t errors_ = 0, warnings_ = 0, kept_errors_ = 0, kept_warnings_ = 0;
    bool truncated_ = false;
};

// Nearest candidate by edit distance, for "did you mean" hints ("" when nothing is close).
std::string nearest_name(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace rehab
