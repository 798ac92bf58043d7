// Text table, coverage findings, the JSON report and JUnit XML for a scenario run. The table is for a
// clinician or a rule author reading a terminal; the JSON for programs; the XML for CI dashboards.
#include "io/suite/scenario_report.hpp"

#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/render/handout_html.hpp"

namespace rehab::io {

RunSummary summarise(const std::vector<ScenarioResult>& results) {
    RunSummary s;
    for (const auto& r : results) {
        s.passed += r.status == ScenarioStatus::pass;
        s.failed += r.status == ScenarioStatus::fail;
        s.invalid += r.status == ScenarioStatus::error;
        s.checks += r.checks;
        s.seconds += r.seconds;
    }
    return s;
}

void write_results_table(std::ostream& out, const std::vector<ScenarioResult>& results) {
    std::size_t width = 8;
    for (const auto& r : results) width = std::max(width, r.name.size());
    out << std::left << std::setw(static_cast<int>(width) + 2) << "SCENARIO" << std::setw(7) << "RESULT"
        << "CHECKS\n";
    for (const auto& r : results) {
        out << std::left << std::setw(static_cast<int>(width) + 2) << r.name << std::setw(7)
            << to_string(r.status) << r.checks << "\n";
        for (const auto& f : r.failures) {
            out << "    x " << f.expectation << ": " << f.message << "\n";
            if (!f.explanation.empty()) out << "      engine: " << f.explanation << "\n";
        }
        if (r.status != ScenarioStatus::pass) out << "      (" << r.file << ")\n";
        for (const auto& n : r.notes) out << "    - " << n << "\n";
    }
    const auto s = summarise(results);
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2f", s.seconds);
    out << results.size() << " scenarios: " << s.passed << " passed, " << s.failed << " failed, " << s.invalid
        << " invalid (" << s.checks << " checks) in " << seconds << " s\n";
}

namespace {

void finding(std::ostream& out, const std::string& what, const std::vector<std::string>& items,
             std::size_t total) {
    out << "  " << what << " (" << items.size() << " of " << total << "): ";
    if (items.empty()) {
        out << "none\n";
        return;
    }
    std::string line;
    for (std::size_t i = 0; i < items.size(); ++i) line += (i ? ", " : "") + items[i];
    out << line << "\n";
}

}  // namespace

void write_coverage(std::ostream& out, const CoverageReport& c) {
    out << "Coverage findings:\n";
    finding(out, "rules that never fired", c.rules_never_fired, c.rules);
    finding(out, "exercises never recommended", c.exercises_never_recommended, c.exercises);
    finding(out, "conditions without a scenario", c.conditions_without_scenario, c.conditions);
}

namespace {
const char* status_json(ScenarioStatus s) {
    return s == ScenarioStatus::pass ? "pass" : s == ScenarioStatus::fail ? "fail" : "invalid";
}
nlohmann::json finding_json(const std::vector<std::string>& ids, std::size_t total) {
    return {{"count", ids.size()}, {"of", total}, {"ids", ids}};
}
}  // namespace

std::string results_json(const std::vector<ScenarioResult>& results, const CoverageReport* coverage,
                         const EvalVersions& v) {
    const RunSummary s = summarise(results);
    nlohmann::json scenarios = nlohmann::json::array();
    for (const auto& r : results) {
        nlohmann::json failures = nlohmann::json::array();
        for (const auto& f : r.failures)
            failures.push_back(
                {{"expectation", f.expectation}, {"message", f.message}, {"explanation", f.explanation}});
        scenarios.push_back({{"name", r.name},
                             {"file", r.file},
                             {"status", status_json(r.status)},
                             {"checks", r.checks},
                             {"failures", failures}});
    }
    nlohmann::json doc{{"format", eval_report_format},
                       {"knowledge", {{"version", v.knowledge_version}, {"hash", v.knowledge_hash}}},
                       {"rules", {{"version", v.rules_version}, {"hash", v.rules_hash}}},
                       {"summary",
                        {{"scenarios", results.size()},
                         {"passed", s.passed},
                         {"failed", s.failed},
                         {"invalid", s.invalid},
                         {"checks", s.checks}}},
                       {"scenarios", scenarios}};
    if (coverage)
        doc["coverage"] = {{"rules_never_fired", finding_json(coverage->rules_never_fired, coverage->rules)},
                           {"exercises_never_recommended",
                            finding_json(coverage->exercises_never_recommended, coverage->exercises)},
                           {"conditions_without_scenario",
                            finding_json(coverage->conditions_without_scenario, coverage->conditions)}};
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string junit_xml(const std::vector<ScenarioResult>& results) {
    const auto s = summarise(results);
    std::ostringstream x;
    x << std::fixed << std::setprecision(4);
    x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x << "<testsuites name=\"rehab eval\" tests=\"" << results.size() << "\" failures=\"" << s.failed
      << "\" errors=\"" << s.invalid << "\" time=\"" << s.seconds << "\">\n";
    x << "  <testsuite name=\"rehab.scenarios\" tests=\"" << results.size() << "\" failures=\"" << s.failed
      << "\" errors=\"" << s.invalid << "\" skipped=\"0\" time=\"" << s.seconds << "\">\n";
    for (const auto& r : results) {
        x << "    <testcase classname=\"scenarios\" name=\"" << html_escape(r.name) << "\" file=\""
          << html_escape(r.file) << "\" time=\"" << r.seconds << "\"";
        if (r.status == ScenarioStatus::pass) {
            x << "/>\n";
            continue;
        }
        const char* tag = r.status == ScenarioStatus::error ? "error" : "failure";
        std::string first = r.failures.empty()
                                ? "failed"
                                : r.failures.front().expectation + ": " + r.failures.front().message;
        std::string body;
        for (const auto& f : r.failures) {
            body += f.expectation + ": " + f.message + "\n";
            if (!f.explanation.empty()) body += "  engine: " + f.explanation + "\n";
        }
        x << ">\n      <" << tag << " message=\"" << html_escape(first) << "\" type=\"expectation\">"
          << html_escape(body) << "</" << tag << ">\n    </testcase>\n";
    }
    x << "  </testsuite>\n</testsuites>\n";
    return x.str();
}

}  // namespace rehab::io
