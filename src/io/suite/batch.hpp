// Batch recommendation over JSON Lines: one profile a line in, one "rehab.programme/1" document
// (or, with `summary`, a "rehab.programme-summary/1" record) a line out, in input order. Worker threads take
// chunks of lines; a bounded window of chunks in flight keeps memory constant in the number of profiles. A
// bad line becomes an error record {"line": n, "error": [...]} and the batch goes on; so does a line longer
// than io::max_profile_bytes (PR014), of which no more than the limit is ever held in memory.
#pragma once
#include <cstddef>
#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <string>

#include "core/recommend/recommender.hpp"

namespace rehab::io {

enum class BatchFormat {
    json,      // one rehab.programme/1 document a line
    summary,   // one compact rehab.programme-summary/1 record a line
    csv,       // a header, then one row per input line (io/table/programme_csv.hpp)
    csv_long,  // a header, then one row per input line x exercise
};

// "json", "summary", "csv", "csv-long"; nullopt for any other name.
std::optional<BatchFormat> parse_batch_format(const std::string& name);

struct BatchOptions {
    unsigned threads = 0;                            // 0: one per hardware thread
    std::size_t chunk = 256;                         // lines per work item
    std::size_t chunk_bytes = std::size_t{1} << 20;  // and at most about this much input per work item
    std::size_t window = 0;                          // chunks in flight; 0: 4 per thread
    std::string input_name = "-";                    // names the input in diagnostics
    std::ostream* progress = nullptr;  // when set: a progress line, rewritten about twice a second
    std::uint64_t input_bytes = 0;     // the input's size when known: the progress line shows % and time left
    BatchFormat format = BatchFormat::json;
    std::size_t first_line = 1;  // the number of the first input line (a part of a larger input: rehab.dask)
};

struct BatchStats {
    std::size_t lines = 0;      // lines read (blank lines included; they produce no output)
    std::size_t profiles = 0;   // valid profiles recommended
    std::size_t referrals = 0;  // of which referred
    std::size_t errors = 0;     // lines refused (error records)
    std::size_t internal = 0;   // of which an internal error (a bug, not bad data)
    std::map<std::string, std::size_t> per_condition;  // valid profiles per condition id
    unsigned threads = 0;
    double seconds = 0;
};

// Reads `in` to the end, writing one record per non-blank input line to `out` (csv: a header first;
// csv-long: one row per exercise). Memory is bounded by the window:
// window * (chunk_bytes + max_profile_bytes) of input at most, whatever the lines.
BatchStats run_batch(const Recommender& r, std::istream& in, std::ostream& out, const BatchOptions& options);

// The summary printed at the end (profiles, referrals, errors, per-condition counts, throughput).
void write_batch_summary(std::ostream& out, const BatchStats& s);

// The error record for one bad line (compact JSON, no newline): {"error": [...], "id": ..., "line": n},
// "id" when the line is a JSON object with a string id (io::readable_profile_id).
std::string batch_error_record(std::size_t line, const Diagnostics& d, const std::string& id = "");

}  // namespace rehab::io
