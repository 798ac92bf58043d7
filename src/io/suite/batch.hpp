// Batch recommendation over JSON Lines: one profile a line in, one "rehab.programme/1" document
// (or, with `summary`, a "rehab.programme-summary/1" record) a line out, in input order. Worker threads take
// chunks of lines; a bounded window of chunks in flight keeps memory constant in the number of profiles. A
// bad line becomes an error record {"line": n, "error": [...]} and the batch goes on; so does a line longer
// than io::max_profile_bytes (PR014), of which no more than the limit is ever held in memory.
#pragma once
#include <cstddef>
#include <istream>
#include <map>
#include <ostream>
#include <string>

#include "core/recommend/recommender.hpp"

namespace rehab::io {

struct BatchOptions {
    unsigned threads = 0;                            // 0: one per hardware thread
    std::size_t chunk = 256;                         // lines per work item
    std::size_t chunk_bytes = std::size_t{1} << 20;  // and at most about this much input per work item
    std::size_t window = 0;                          // chunks in flight; 0: 4 per thread
    std::string input_name = "-";                    // names the input in diagnostics
    std::ostream* progress = nullptr;  // when set: a progress line, rewritten about twice a second
    bool summary = false;              // compact rehab.programme-summary/1 records instead of full documents
};

struct BatchStats {
    std::size_t lines = 0;      // lines read (blank lines included; they produce no output)
    std::size_t profiles = 0;   // valid profiles recommended
    std::size_t referrals = 0;  // of which referred
    std::size_t errors = 0;     // lines refused (error records)
    std::map<std::string, std::size_t> per_condition;  // valid profiles per condition id
    unsigned threads = 0;
    double seconds = 0;
};

// Reads `in` to the end, writing one line per non-blank input line to `out`. Memory is bounded by the window:
// window * (chunk_bytes + max_profile_bytes) of input at most, whatever the lines.
BatchStats run_batch(const Recommender& r, std::istream& in, std::ostream& out, const BatchOptions& options);

// The summary printed at the end (profiles, referrals, errors, per-condition counts, throughput).
void write_batch_summary(std::ostream& out, const BatchStats& s);

// The error record for one bad line (compact JSON, no newline).
std::string batch_error_record(std::size_t line, const Diagnostics& d);

}  // namespace rehab::io
