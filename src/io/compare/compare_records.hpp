// The values and words of `rehab compare` output (docs/compare.md): the formats and the aggregate
// counts; one profile's record (text lines, a JSON Lines record, CSV rows), an error record in each
// format, and the aggregate report.
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "core/base/diagnostic.hpp"
#include "io/compare/programme_diff.hpp"

namespace rehab::io {

inline constexpr const char* compare_format_name = "rehab.compare/1";

enum class CompareFormat { text, json, csv };
// "text", "json", "csv"; nullopt for any other name.
std::optional<CompareFormat> parse_compare_format(const std::string& name);

struct CountPair {
    std::size_t profiles = 0, changes = 0;
};

struct CompareAggregate {
    std::size_t lines = 0, profiles = 0, changed = 0, errors = 0, internal = 0;
    std::map<std::string, CountPair> by_kind;       // per change kind: profiles with one, changes
    std::map<std::string, CountPair> by_condition;  // per condition: profiles, of which changed (changes)
    std::map<std::string, CountPair> by_rule;       // per responsible rule: profiles, changes
    std::set<std::string> changed_rules;
    std::string knowledge_a, knowledge_b, rules_a, rules_b;  // content hashes
    unsigned threads = 0;
    double seconds = 0;
};

// The CSV header line (with its newline).
std::string compare_csv_header();

// One compared profile, appended to `out` without a final newline.
void append_compare_record(CompareFormat f, std::size_t line, const std::string& id,
                           const std::string& condition, const ProgrammeDiff& d, std::string& out);

// A refused line (`text` may be read for its id), appended without a final newline.
void append_compare_error(CompareFormat f, std::size_t line, const std::string& text, const Diagnostics& d,
                          std::string& out);

// The aggregate: text, the report after the records; json, the final record (with its newline); csv: "".
std::string compare_aggregate_text(CompareFormat f, const CompareAggregate& s);

}  // namespace rehab::io
