// Runs one scenario: the profile through the reader (an expected input error must be reported with
// its code and pointer), then the engine, then the expectation checks and the golden comparison
// (byte for byte against the document `rehab recommend` prints, version fields included);
// records which rules fired, which exercises were chosen and which conditions were seen.
#include "io/suite/scenario_runner.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "io/file/atomic_file.hpp"
#include "io/json/reader.hpp"
#include "io/load/profile_reader.hpp"
#include "io/render/programme_json.hpp"

namespace rehab::io {

const char* to_string(ScenarioStatus s) {
    switch (s) {
        case ScenarioStatus::pass:
            return "PASS";
        case ScenarioStatus::fail:
            return "FAIL";
        case ScenarioStatus::error:
            return "ERROR";
    }
    return "?";
}

namespace {

constexpr const char* profile_prefix = "/profile";

std::string diagnostic_text(const Diagnostic& d) {
    std::string pointer = d.location.pointer;
    if (pointer.rfind(profile_prefix, 0) == 0) pointer = pointer.substr(std::string(profile_prefix).size());
    std::string s = d.code + " at " + (pointer.empty() ? "/" : pointer) + ": " + d.message;
    if (!d.hint.empty()) s += " (" + d.hint + ")";
    return s;
}

std::string diagnostics_text(const Diagnostics& d) {
    std::string s;
    for (const auto& x : d.items())
        if (x.severity == Severity::error) s += (s.empty() ? "" : "; ") + diagnostic_text(x);
    return s;
}

// The text of the line around byte `at` of `s`, cut to a readable width, quoted.
std::string line_around(const std::string& s, std::size_t at) {
    constexpr std::size_t width = 72;
    at = std::min(at, s.size());
    const std::size_t begin = at == 0 ? 0 : s.rfind('\n', at - 1) + 1;  // npos + 1 == 0
    std::size_t end = s.find('\n', at);
    if (end == std::string::npos) end = s.size();
    std::size_t from = begin;
    if (at - begin > width / 2 && end - begin > width) from = at - width / 2;
    std::string text = s.substr(from, std::min(end - from, width));
    return (from > begin ? "..." : "") + nlohmann::json(text).dump() + (from + width < end ? "..." : "");
}

// The first place the golden text and the rendered text differ, byte for byte ("" when equal): the
// line:column in the golden file, the JSON pointer of the first differing value when both parse
// (or a note that they are the same JSON written differently, e.g. 1 against 1.0 or spacing), and
// the expected and found text of that line.
std::string first_difference(const std::string& want, const std::string& got) {
    if (want == got) return "";
    const auto w = std::mismatch(want.begin(), want.end(), got.begin(), got.end()).first;
    const auto at = static_cast<std::size_t>(w - want.begin());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < at; ++i) {
        if (want[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    std::string where = std::to_string(line) + ":" + std::to_string(column);
    auto a = nlohmann::json::parse(want, nullptr, false), b = nlohmann::json::parse(got, nullptr, false);
    if (!a.is_discarded() && !b.is_discarded()) {
        auto patch = nlohmann::json::diff(a, b);
        where += patch.empty() ? " (the same JSON values, written differently)"
                               : " (" + patch.front().value("op", std::string("?")) + " at " +
                                     patch.front().value("path", std::string("/")) + ")";
    }
    return where + ": expected " + (at >= want.size() ? "the end of the file" : line_around(want, at)) +
           ", found " + (at >= got.size() ? "the end of the output" : line_around(got, at));
}

}  // namespace

ScenarioRunner::ScenarioRunner(std::shared_ptr<const Recommender> recommender, bool update_golden)
    : r_(std::move(recommender)), update_golden_(update_golden) {
    rule_fired_.assign(r_->rules().rules().size(), false);
    exercise_chosen_.assign(r_->knowledge().exercise_count(), false);
    condition_seen_.assign(r_->knowledge().conditions().size(), false);
}

ScenarioResult ScenarioRunner::invalid(const std::string& file, const Diagnostics& d) {
    ScenarioResult out;
    out.file = file;
    out.name = std::filesystem::path(file).stem().string();
    out.status = ScenarioStatus::error;
    std::string text;
    for (const auto& x : d.items()) {
        if (x.severity != Severity::error) continue;
        std::string loc = x.location.line > 0
                              ? std::to_string(x.location.line) + ":" + std::to_string(x.location.column)
                              : x.location.pointer;
        text += (text.empty() ? "" : "; ") + x.code + (loc.empty() ? "" : " at " + loc) + ": " + x.message;
        if (!x.hint.empty()) text += " (" + x.hint + ")";
    }
    out.failures.push_back({"a valid scenario file", text, ""});
    return out;
}

void ScenarioRunner::check_error(const Scenario& s, const Diagnostics& d, bool accepted,
                                 ScenarioResult& out) const {
    const auto& want = *s.expect.error;
    const std::string label =
        "input error " + want.code + (want.pointer.empty() ? "" : " at " + want.pointer);
    ++out.checks;
    if (accepted) {
        out.failures.push_back({label, "the profile was accepted; it must be refused", ""});
        return;
    }
    for (const auto& x : d.items()) {
        std::string pointer = x.location.pointer;
        if (pointer.rfind(profile_prefix, 0) == 0)
            pointer = pointer.substr(std::string(profile_prefix).size());
        if (x.code == want.code && (want.pointer.empty() || pointer == want.pointer)) return;
    }
    out.failures.push_back({label, "refused with other errors: " + diagnostics_text(d), ""});
}

void ScenarioRunner::check_golden(const Scenario& s, const Recommendation& rec, const Profile& p,
                                  ScenarioResult& out) const {
    const std::string path = golden_path(s);
    const std::string text = programme_to_json(*r_, rec, p);
    ++out.checks;
    if (update_golden_) {
        Diagnostics d;
        std::error_code ec;  // a failure shows in the write that follows
        std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
        if (write_file_atomic(path, text, d, "SC014"))
            out.notes.push_back("golden output written to " + path);
        else
            out.failures.push_back(
                {"golden output", "cannot write " + path + ": " + diagnostics_text(d), ""});
        return;
    }
    Diagnostics d;
    auto want_text = read_text_file(path, d, "SC014");
    if (!want_text) {
        out.failures.push_back(
            {"golden output",
             "no golden file " + path + " (review the output, then run rehab eval scenarios --update-golden)",
             ""});
        return;
    }
    auto diff = first_difference(*want_text, text);
    if (!diff.empty())
        out.failures.push_back(
            {"golden output",
             "differs from " + path + " at " + diff + " (review, then rehab eval scenarios --update-golden)",
             ""});
}

void ScenarioRunner::note_coverage(const Scenario& s, const Recommendation* rec) {
    if (rec) {
        for (auto f : rec->evaluation.fired)
            if (f < rule_fired_.size()) rule_fired_[f] = true;
        for (const auto& i : rec->items) exercise_chosen_[i.exercise.index()] = true;
    }
    if (s.profile.is_object() && s.profile.contains("condition") && s.profile["condition"].is_string())
        if (auto c = r_->knowledge().find_condition(s.profile["condition"].get<std::string>()))
            condition_seen_[c->index()] = true;
}

ScenarioResult ScenarioRunner::run(const Scenario& s) {
    const auto start = std::chrono::steady_clock::now();
    ScenarioResult out;
    out.name = s.name;
    out.file = s.file;
    Diagnostics d;
    auto profile = read_profile(s.profile, r_->knowledge(), s.file, d, profile_prefix);
    std::optional<Recommendation> rec;
    if (s.expect.error) {
        check_error(s, d, profile.has_value(), out);
    } else if (!profile) {
        ++out.checks;
        out.failures.push_back({"a valid profile", "the profile was refused: " + diagnostics_text(d), ""});
    } else {
        rec = r_->recommend(*profile, true);
        out.checks += check_expectations(*r_, *rec, *profile, s.expect, out.failures);
        if (s.expect.golden) check_golden(s, *rec, *profile, out);
    }
    note_coverage(s, rec ? &*rec : nullptr);
    out.status = out.failures.empty() ? ScenarioStatus::pass : ScenarioStatus::fail;
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

CoverageReport ScenarioRunner::coverage() const {
    CoverageReport c;
    const auto& rules = r_->rules().rules();
    for (std::size_t i = 0; i < rules.size(); ++i)
        if (!rule_fired_[i]) c.rules_never_fired.push_back(rules[i].id);
    for (const auto& e : r_->knowledge().exercises())
        if (!exercise_chosen_[e.id.index()]) c.exercises_never_recommended.push_back(e.key);
    for (const auto& cond : r_->knowledge().conditions())
        if (!condition_seen_[cond.id.index()]) c.conditions_without_scenario.push_back(cond.key);
    c.rules = rules.size();
    c.exercises = r_->knowledge().exercise_count();
    c.conditions = r_->knowledge().conditions().size();
    return c;
}

}  // namespace rehab::io
