// Deterministic generators for the benchmarks: the LCG rule-matching workload (rules x patients
// compared with other engines) and synthetic knowledge bases + clinical rule sets of a given size,
// written as JSON folders so that loading them exercises the real parse / validate / compile path.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace rehab::bench {

// The repository root (bundled knowledge/ and rules/).
std::string source_dir();

// ---- The rule-matching workload: injury = X and weeks >= a and pain < b and rom >= c ----
inline constexpr std::array<const char*, 8> injuries = {
    "ACL", "meniscus", "rotator_cuff", "ankle_sprain", "tennis_elbow", "hamstring", "achilles", "low_back"};
struct WorkloadRule {
    int injury = 0, min_weeks = 0, max_pain = 0, min_rom = 0;  // max_pain is strict (<)
};
struct WorkloadPatient {
    int injury = 0, weeks = 0, pain = 0, rom = 0;
};
struct Workload {
    std::vector<WorkloadRule> rules;
    std::vector<WorkloadPatient> patients;
};
// LCG s = (s * 1103515245 + 12345) mod 2^31 from seed 12345; rules first, then patients.
Workload make_workload(int rules, int patients);
// Aborts the process with a message when `got` is not the known total for this size.
void check_matches(const char* engine, int rules, int patients, std::int64_t got);

// ---- Synthetic clinical knowledge + rules ----
enum class RuleMode {
    mixed,            // each rule names one of the ten conditions in turn
    other_condition,  // every rule is for patellofemoral_pain (the benchmark patient has another)
    general,          // no rule tests the condition (every rule is tried for every patient)
};
const char* to_string(RuleMode m);

struct SyntheticSpec {
    int exercises = 100;  // total, bundled ones included (at least the bundled count)
    int rules = 100;      // synthetic rules, added to the bundled clinical rules
    RuleMode mode = RuleMode::mixed;
};

struct SyntheticDirs {
    std::string knowledge, rules;
};
// Where synthetic_dirs() writes a spec (nothing is written).
SyntheticDirs synthetic_paths(const SyntheticSpec& spec);
// Writes (once per process and spec) <tmp>/rehab-bench/<spec>/{knowledge,rules} and returns them.
SyntheticDirs synthetic_dirs(const SyntheticSpec& spec);

}  // namespace rehab::bench
