// `rehab compare` as a library call: every profile of a JSON Lines input through two engines (two
// versions of the rules or of the knowledge) on the line pipeline, one record per profile (text, JSON
// Lines or CSV) in input order, and the aggregate (changes per kind, per condition, per rule).
#pragma once
#include <cstddef>
#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>

#include "core/recommend/recommender.hpp"
#include "io/compare/compare_records.hpp"

namespace rehab::io {

struct CompareOptions {
    unsigned threads = 0;  // 0: one per hardware thread
    CompareFormat format = CompareFormat::text;
    bool all = false;                     // a record for unchanged profiles too
    std::set<std::string> changed_rules;  // rule_definition_changes(A, B)
    std::string input_name = "-";         // names the input in diagnostics
    std::ostream* progress = nullptr;     // a progress line on stderr
    std::uint64_t input_bytes = 0;        // the input's size when known (progress in % and time left)
    std::size_t chunk = 256;
};

// Reads `in` to the end, writing the records (csv: a header first) to `out`, then the aggregate
// (text: the report; json: a final record; csv: nothing, see write_compare_summary).
CompareAggregate run_compare(const Recommender& a, const Recommender& b, std::istream& in, std::ostream& out,
                             const CompareOptions& options);

// The one-line summary for stderr: profiles, changed, errors, throughput, threads.
void write_compare_summary(std::ostream& out, const CompareAggregate& s);

}  // namespace rehab::io
