// Harness: JSON Lines -> run_batch (one worker thread; full documents or, by the first byte, summaries).
// Checks: one output record per non-blank input line, each record parses as JSON, and a second run gives
// the same bytes.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fuzz_support.hpp"
#include "io/suite/batch.hpp"

namespace {

std::string run(const rehab::Recommender& r, const std::string& input, bool summary) {
    std::istringstream in(input);
    std::ostringstream out;
    rehab::io::BatchOptions options;
    options.threads = 1;
    options.chunk = 3;  // several chunks even for a short input
    options.format = summary ? rehab::io::BatchFormat::summary : rehab::io::BatchFormat::json;
    rehab::io::run_batch(r, in, out, options);
    return out.str();
}

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(),
                       [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rehab;
    if (size == 0) return 0;
    const auto r = fuzz::engine();
    const bool summary = data[0] & 1;
    const std::string input = fuzz::text_of(data + 1, size - 1);
    const std::string out = run(*r, input, summary);
    std::size_t expected = 0;
    {
        std::istringstream lines(input);
        for (std::string line; std::getline(lines, line);) expected += !blank(line);
    }
    std::size_t records = 0;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line); ++records)
        fuzz::require(!nlohmann::json::parse(line, nullptr, false).is_discarded(), "a record parses as JSON",
                      line);
    fuzz::require(records == expected, "one record per non-blank line", out);
    fuzz::require(run(*r, input, summary) == out, "the same lines give the same bytes");
    return 0;
}
