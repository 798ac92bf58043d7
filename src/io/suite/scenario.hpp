// A clinical scenario (scenarios/**/*.json, docs/scenario-format.md): a profile and what a clinician
// expects of its programme, written from the clinical reference. This file holds the model and the
// reader; every id in an expectation is checked against the knowledge graph so a typo cannot pass.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/diagnostic.hpp"
#include "core/knowledge/graph.hpp"

namespace rehab::io {

struct ValueRange {  // inclusive; either bound may be absent
    std::optional<double> min, max;
    [[nodiscard]] bool contains(double x) const { return (!min || x >= *min) && (!max || x <= *max); }
    [[nodiscard]] std::string text() const;  // "4-8", "at most 3", "at least 1", "exactly 2"
};

struct DoseExpectation {
    std::string exercise;  // an exercise id, or "*": every exercise in the programme
    std::optional<ValueRange> sets, reps, reps_top, hold_s, rest_s, per_week, duration_min;
    std::optional<std::string> band;   // a band colour, or "none"
    std::optional<std::string> tempo;  // a substring of the prescribed tempo
    std::optional<bool> per_side;
};

struct ChangeExpectation {
    std::string exercise;              // the exercise of the history's programme
    std::vector<std::string> allowed;  // new, progressed, held, regressed, replaced, dropped
};

struct AttributeFilter {  // "none_with": no exercise may have any of these
    std::vector<std::string> positions, equipment, stances, components, stages, contractions;
    std::map<std::string, std::vector<std::string>> loads;  // movement -> contractions (empty: any)
    bool needs_therapist = false, needs_partner = false;
    [[nodiscard]] bool empty() const;
};

struct ErrorExpectation {
    std::string code;     // "PR007"
    std::string pointer;  // inside the profile: "/pain/rest" (empty: any)
};

struct Expectations {
    std::optional<bool> referral;
    std::vector<std::string> red_flags;  // the referral names each of these
    std::optional<std::string> urgency;  // the most urgent referral reason has this urgency
    std::optional<std::string> stage, irritability;
    std::vector<std::string> include, exclude, eligible;
    std::vector<std::string> include_any;  // at least one of these
    std::optional<ValueRange> count;
    std::map<std::string, ValueRange> components;
    AttributeFilter none_with;
    std::vector<DoseExpectation> dose;
    std::vector<ChangeExpectation> change;
    std::vector<std::string> warnings;     // each is a substring of some warning or precaution
    std::vector<std::string> no_warnings;  // none is a substring of any warning or precaution
    std::optional<ErrorExpectation> error;
    bool golden = false;  // default true, false with an expected error or "golden": false
};

struct Scenario {
    std::string name, description, reference, file;
    std::vector<std::string> tags;
    nlohmann::json profile;
    Expectations expect;
};

// Codes: SC001 malformed JSON, SC002 wrong type, SC003 missing field, SC004 unknown field,
// SC005 unknown id in an expectation, SC007 bad value, SC014 unreadable file or folder.
std::optional<Scenario> read_scenario(const nlohmann::json& doc, const KnowledgeGraph& kg,
                                      const std::string& file, Diagnostics& d);
std::optional<Scenario> read_scenario_file(const std::string& path, const KnowledgeGraph& kg, Diagnostics& d);

// The scenario files under each path (a file, or a folder searched recursively for *.json, skipping
// folders named "golden"), sorted, without duplicates. SC014 for a path that does not exist.
std::vector<std::string> find_scenario_files(const std::vector<std::string>& paths, Diagnostics& d);

// scenarios/golden/<name>.json for a scenario in scenarios/ or a sub-folder of it: the "golden"
// folder next to the scenario root (the nearest ancestor folder that holds a "golden" folder, else
// the scenario's own folder).
std::string golden_path(const Scenario& s);

}  // namespace rehab::io
