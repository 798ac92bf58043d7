// The engine behind the Python module: an immutable Recommender with text in, text out. Every call
// returns (ok, payload): the rendered document, or the diagnostics as a JSON array; the Python layer
// (rehab/__init__.py) turns a failure into rehab.InvalidInput. No Python types here: thread-safe C++.
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/recommend/recommender.hpp"

namespace rehab::python {

using Result = std::pair<bool, std::string>;

class PyEngine {
public:
    explicit PyEngine(std::shared_ptr<const Recommender> r) : r_(std::move(r)) {}

    // Loads the knowledge and the rules folders; (engine or null, diagnostics JSON array).
    static std::pair<std::shared_ptr<PyEngine>, std::string> load(const std::string& knowledge_dir,
                                                                  const std::string& rules_dir);

    // format: json (what `rehab recommend --format json` writes), line (one `rehab batch` line),
    // summary (one rehab.programme-summary/1 record), text or html.
    Result recommend(const std::string& profile, const std::string& format, const std::string& source) const;
    // The rehab.explanation/1 document (`rehab explain --format json`).
    Result explain(const std::string& profile, const std::string& exercise, const std::string& source) const;
    // recommend() for every profile on `threads` threads (0: one per hardware thread), in input order.
    // Call without the GIL: nothing here touches Python.
    std::vector<Result> recommend_many(const std::vector<std::string>& profiles, const std::string& format,
                                       unsigned threads) const;
    // The `rehab batch` records for `text` (JSON Lines) whose first line is line `first_line` of the
    // input named `source`: what run_batch writes, and its counts as JSON.
    std::pair<std::string, std::string> batch(const std::string& text, std::size_t first_line,
                                              const std::string& format, const std::string& source,
                                              unsigned threads) const;

    // library, knowledge and rules versions and content hashes (JSON object).
    std::string versions() const;
    const Recommender& recommender() const { return *r_; }

private:
    std::shared_ptr<const Recommender> r_;
};

bool valid_format(const std::string& format);

}  // namespace rehab::python
