// Reports of a scenario run: the plain-text table (one row per scenario, each failed expectation
// under its row with the engine's explanation), the coverage findings, and JUnit XML for CI.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "io/suite/scenario_runner.hpp"

namespace rehab::io {

struct RunSummary {
    std::size_t passed = 0, failed = 0, invalid = 0, checks = 0;
    double seconds = 0;
};
RunSummary summarise(const std::vector<ScenarioResult>& results);

void write_results_table(std::ostream& out, const std::vector<ScenarioResult>& results);
void write_coverage(std::ostream& out, const CoverageReport& c);

inline constexpr const char* eval_report_format = "rehab.eval/1";
struct EvalVersions {
    std::string knowledge_version, knowledge_hash, rules_version, rules_hash;
};
// The run as one JSON document (docs/scenario-format.md): versions, summary, every scenario with its
// failures, and the coverage findings (omitted when null). No timings: the same run gives the same bytes.
std::string results_json(const std::vector<ScenarioResult>& results, const CoverageReport* coverage,
                         const EvalVersions& versions);

// JUnit XML (one testsuite "rehab.scenarios", one testcase per scenario, a <failure> per failed one).
std::string junit_xml(const std::vector<ScenarioResult>& results);
std::string xml_escape(const std::string& s);

}  // namespace rehab::io
