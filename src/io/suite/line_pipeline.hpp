// The streaming pipeline under `rehab batch` and `rehab compare`: the calling thread reads chunks of
// JSON Lines and writes finished chunks in input order; worker threads turn each non-blank line into
// its record. A bounded window of chunks in flight keeps memory constant in the number of lines.
#pragma once
#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/base/diagnostic.hpp"
#include "core/knowledge/graph.hpp"
#include "core/recommend/profile.hpp"

namespace rehab::io {

// What one worker thread does with a line. One instance per thread: it may keep buffers and counts.
class LineWorker {
public:
    virtual ~LineWorker() = default;
    // Appends the record(s) for one non-blank line (1-based `line`) to `out`, without a final newline;
    // false when the line was refused (its error record appended).
    virtual bool process(std::size_t line, const std::string& text, std::string& out) = 0;
    // Appends the error record of a refused line (also called by the pipeline for an internal error).
    virtual void refuse(std::size_t line, const std::string& text, const Diagnostics& d,
                        std::string& out) = 0;
};

struct PipelineOptions {
    std::size_t chunk = 256;                         // lines per work item
    std::size_t chunk_bytes = std::size_t{1} << 20;  // and at most about this much input per work item
    std::size_t window = 0;                          // chunks in flight; 0: 4 per worker
    std::string input_name = "-";                    // names the input in diagnostics
    std::ostream* progress = nullptr;  // when set: a progress line, rewritten about twice a second
    std::string progress_label = "batch";
    std::uint64_t input_bytes = 0;  // the input's size when known (a file): progress in % and time left
    std::size_t first_line = 1;     // the number of the first input line
};

struct PipelineStats {
    std::size_t lines = 0;     // lines read (blank lines included; they produce no output)
    std::size_t records = 0;   // non-blank lines
    std::size_t errors = 0;    // lines refused (error records)
    std::size_t internal = 0;  // of which an internal error (a bug, not bad data)
    std::uint64_t bytes = 0;   // input bytes of the lines written (newlines included)
    double seconds = 0;
};

// Reads `in` to the end, writing each line's record and a newline to `out` in input order, using one
// thread per worker. Memory: window * (chunk_bytes + max_profile_bytes) of input at most.
PipelineStats run_line_pipeline(std::istream& in, std::ostream& out, const PipelineOptions& options,
                                const std::vector<std::unique_ptr<LineWorker>>& workers);

// The progress line (no carriage return): records, errors and rate, and with the input's size known
// the share done and the time left, e.g. "batch: 42%, 4200 profiles, 3 errors, 5120 profiles/s,
// about 12 s left". duration_words: "12 s", "3 min 05 s", "2 h 07 min".
std::string progress_line(const std::string& label, const PipelineStats& s, double seconds,
                          std::uint64_t input_bytes);
std::string duration_words(double seconds);

// A line as a profile for `kg`; on failure nullopt and the diagnostics in `d` (PR014 for a line longer
// than io::max_profile_bytes).
std::optional<Profile> parse_profile_line(const std::string& text, const KnowledgeGraph& kg,
                                          const std::string& input_name, Diagnostics& d);

// The text of a refused line that may be read for its id ("" for a line over the limit).
const std::string& readable_line(const std::string& text);

}  // namespace rehab::io
