// The Python module's engine: parse with the io profile reader, recommend with the shared
// Recommender, render with the same io renderers as the CLI (so the documents are byte-identical),
// and run many profiles on a small pool of threads, each reusing one Recommendation.
#include "py_engine.hpp"

#include <algorithm>
#include <atomic>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "core/explain/explanation.hpp"
#include "io/load/profile_reader.hpp"
#include "io/load/rules_loader.hpp"
#include "io/render/diagnostics_json.hpp"
#include "io/render/explanation_json.hpp"
#include "io/render/handout_html.hpp"
#include "io/render/programme_json.hpp"
#include "io/render/programme_summary.hpp"
#include "io/render/programme_text.hpp"
#include "io/suite/batch.hpp"
#include "rehab/rehab.hpp"

namespace rehab::python {

namespace {

std::string diagnostics_text(const Diagnostics& d) { return io::diagnostics_to_json(d, true).dump(); }

Result failure(const Diagnostics& d) { return {false, diagnostics_text(d)}; }

// One profile: parse, recommend into `rec` (reused), render in `format`.
Result recommend_into(const Recommender& r, const std::string& text, const std::string& format,
                      const std::string& source, Recommendation& rec) {
    Diagnostics d;
    auto p = io::parse_profile_text(text, r.knowledge(), source, d);
    if (!p) return failure(d);
    const bool summary = format == "summary";
    rec.next_stage.reset();  // recommend() leaves a stale next stage for a late-stage patient
    r.recommend(*p, rec, !summary);
    if (format == "json") return {true, io::programme_to_json(r, rec, *p)};
    if (format == "line") return {true, io::programme_to_json(r, rec, *p, -1)};
    if (format == "text") return {true, io::programme_to_text(r, rec, *p)};
    if (format == "html") return {true, io::programme_to_handout_html(r, rec, *p)};
    std::string out;
    io::append_programme_summary(r, rec, *p, out);
    return {true, out};
}

}  // namespace

bool valid_format(const std::string& f) {
    return f == "json" || f == "line" || f == "summary" || f == "text" || f == "html";
}

std::pair<std::shared_ptr<PyEngine>, std::string> PyEngine::load(const std::string& knowledge_dir,
                                                                 const std::string& rules_dir) {
    Diagnostics d;
    auto r = io::load_recommender(knowledge_dir, rules_dir, d);
    if (!r || d.has_errors()) return {nullptr, diagnostics_text(d)};
    return {std::make_shared<PyEngine>(std::move(r)), "[]"};
}

Result PyEngine::recommend(const std::string& profile, const std::string& format,
                           const std::string& source) const {
    Recommendation rec;
    return recommend_into(*r_, profile, format, source, rec);
}

Result PyEngine::explain(const std::string& profile, const std::string& exercise,
                         const std::string& source) const {
    Diagnostics d;
    auto p = io::parse_profile_text(profile, r_->knowledge(), source, d);
    if (!p) return failure(d);
    auto id = r_->knowledge().find_exercise(exercise);
    if (!id) {
        std::vector<std::string> keys;
        for (const auto& e : r_->knowledge().exercises()) keys.push_back(e.key);
        auto near = nearest_name(exercise, keys);
        d.error("PR005", {source, "/exercise"}, "unknown exercise '" + exercise + "'",
                near.empty() ? "" : "did you mean '" + near + "'?");
        return failure(d);
    }
    Recommendation rec = r_->recommend(*p, true);
    ExerciseExplanation x = explain_exercise(*r_, rec, *id);
    return {true, io::explanation_to_json(*r_, rec, *p, x)};
}

std::vector<Result> PyEngine::recommend_many(const std::vector<std::string>& profiles,
                                             const std::string& format, unsigned threads) const {
    std::vector<Result> out(profiles.size());
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads =
        static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, profiles.size())));
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        Recommendation rec;
        for (std::size_t i; (i = next.fetch_add(1)) < profiles.size();) {
            try {
                out[i] = recommend_into(*r_, profiles[i], format, "<profile " + std::to_string(i) + ">", rec);
            } catch (const std::exception& e) {  // a bug, not bad data: report it as this profile's error
                Diagnostics d;
                d.error("INTERNAL", {}, std::string("internal error: ") + e.what());
                out[i] = failure(d);
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    return out;
}

std::pair<std::string, std::string> PyEngine::batch(const std::string& text, std::size_t first_line,
                                                    const std::string& format, const std::string& source,
                                                    unsigned threads) const {
    std::istringstream in(text);
    std::ostringstream out;
    io::BatchOptions o;
    o.threads = threads ? threads : 1;
    o.first_line = first_line;
    o.input_name = source;
    o.format = io::parse_batch_format(format).value_or(io::BatchFormat::json);
    const io::BatchStats s = io::run_batch(*r_, in, out, o);
    nlohmann::json stats{{"lines", s.lines},
                         {"profiles", s.profiles},
                         {"referrals", s.referrals},
                         {"errors", s.errors},
                         {"seconds", s.seconds},
                         {"threads", s.threads},
                         {"per_condition", s.per_condition}};
    return {out.str(), stats.dump()};
}

std::string PyEngine::versions() const {
    const DataVersions v = data_versions(*r_);
    return nlohmann::json{{"library", v.library},
                          {"knowledge_name", v.knowledge_name},
                          {"knowledge_version", v.knowledge_version},
                          {"knowledge_hash", v.knowledge_hash},
                          {"rules_version", v.rules_version},
                          {"rules_hash", v.rules_hash}}
        .dump();
}

}  // namespace rehab::python
