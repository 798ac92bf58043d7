// The diagnostics list (with its cap) and edit-distance suggestions ("did you mean ...").
#include "core/base/diagnostic.hpp"

#include <algorithm>

namespace rehab {

namespace {
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}
}  // namespace

void Diagnostics::error(std::string code, Location where, std::string message, std::string hint) {
    push({Severity::error, std::move(code), std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::warning(std::string code, Location where, std::string message, std::string hint) {
    push({Severity::warning, std::move(code), std::move(where), std::move(message), std::move(hint)});
}

void Diagnostics::append(const Diagnostics& other) {
    for (const auto& d : other.items_)
        if (d.code != too_many_code) push(d);
    // What the other list counted but did not keep counts here too.
    errors_ += other.errors_ - other.kept_errors_;
    warnings_ += other.warnings_ - other.kept_warnings_;
    if (other.truncated_) stop({});
}

void Diagnostics::push(Diagnostic d) {
    const bool is_error = d.severity == Severity::error;
    ++(is_error ? errors_ : warnings_);
    if (truncated_) return;
    if (is_error && kept_errors_ == max_errors) return stop(d.location.file);
    ++(is_error ? kept_errors_ : kept_warnings_);
    items_.push_back(std::move(d));
}

void Diagnostics::stop(const std::string& file) {
    if (truncated_) return;
    truncated_ = true;
    items_.push_back(
        {Severity::error,
         too_many_code,
         Location{file, {}},
         "too many errors: stopped after " + std::to_string(max_errors) + "; fix these and run again",
         {}});
}

std::string nearest_name(const std::string& name, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = static_cast<std::size_t>(-1);
    for (const auto& c : candidates) {
        std::size_t d = edit_distance(name, c);
        if (d < best_d || (d == best_d && c < best)) {
            best_d = d;
            best = c;
        }
    }
    // Accept when the distance is small relative to the length, or one contains the other.
    std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
    if (best_d <= limit) return best;
    for (const auto& c : candidates)
        if (!name.empty() && (c.find(name) != std::string::npos || name.find(c) != std::string::npos))
            return c;
    return {};
}

}  // namespace rehab
