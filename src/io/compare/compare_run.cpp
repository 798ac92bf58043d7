// The compare pipeline: each worker parses a line (against each knowledge graph when they differ),
// recommends with both engines, snapshots and diffs the two, renders the record and adds it to its
// own partial aggregate; the partial aggregates are sums, merged after the run (the same for any
// number of threads).
#include "io/compare/compare_run.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "io/compare/compare_records.hpp"
#include "io/compare/programme_diff.hpp"
#include "io/suite/line_pipeline.hpp"

namespace rehab::io {

namespace {

class Worker : public LineWorker {
public:
    Worker(const Recommender& a, const Recommender& b, const CompareOptions& o) : a_(a), b_(b), o_(o) {}

    CompareAggregate part;

    void refuse(std::size_t line, const std::string& text, const Diagnostics& d, std::string& out) override {
        append_compare_error(o_.format, line, readable_line(text), d, out);
    }

    bool process(std::size_t line, const std::string& text, std::string& out) override {
        Diagnostics d;
        auto pa = parse_profile_line(text, a_.knowledge(), o_.input_name, d);
        std::optional<Profile> pb;
        if (pa && &a_.knowledge() != &b_.knowledge()) {
            pb = parse_profile_line(text, b_.knowledge(), o_.input_name, d);
            if (!pb) pa.reset();
        }
        if (!pa) {
            refuse(line, text, d, out);
            return false;
        }
        const Profile& profile_b = pb ? *pb : *pa;
        recommend(a_, *pa, rec_a_);
        recommend(b_, profile_b, rec_b_);
        const ProgrammeDiff diff =
            diff_programmes(snapshot_programme(a_, rec_a_), snapshot_programme(b_, rec_b_), o_.changed_rules);
        const std::string condition =
            pa->condition.valid() ? a_.knowledge().condition(pa->condition).key : "";
        count(condition, diff);
        if (!diff.empty() || o_.all) append_compare_record(o_.format, line, pa->id, condition, diff, out);
        return true;
    }

private:
    const Recommender &a_, &b_;
    const CompareOptions& o_;
    Recommendation rec_a_, rec_b_;

    static void recommend(const Recommender& r, const Profile& p, Recommendation& rec) {
        rec.next_stage.reset();  // recommend() leaves a stale next stage for a late-stage patient
        r.recommend(p, rec, false);
    }

    void count(const std::string& condition, const ProgrammeDiff& d) {
        ++part.profiles;
        auto& c = part.by_condition[condition.empty() ? "(none)" : condition];
        ++c.profiles;
        if (d.empty()) return;
        ++part.changed;
        ++c.changes;
        std::set<std::string> kinds;
        for (const auto& x : d.changes) {
            ++part.by_kind[to_string(x.kind)].changes;
            kinds.insert(to_string(x.kind));
            for (const auto& r : x.rules) ++part.by_rule[r].changes;
        }
        for (const auto& k : kinds) ++part.by_kind[k].profiles;
        for (const auto& r : d.responsible) ++part.by_rule[r].profiles;
    }
};

void add(std::map<std::string, CountPair>& to, const std::map<std::string, CountPair>& from) {
    for (const auto& [k, v] : from) {
        to[k].profiles += v.profiles;
        to[k].changes += v.changes;
    }
}

}  // namespace

CompareAggregate run_compare(const Recommender& a, const Recommender& b, std::istream& in, std::ostream& out,
                             const CompareOptions& options) {
    CompareAggregate s;
    s.threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::unique_ptr<LineWorker>> workers;
    for (unsigned i = 0; i < s.threads; ++i) workers.push_back(std::make_unique<Worker>(a, b, options));
    if (options.format == CompareFormat::csv) out << compare_csv_header();
    PipelineOptions po;
    po.chunk = options.chunk;
    po.input_name = options.input_name;
    po.progress = options.progress;
    po.input_bytes = options.input_bytes;
    po.progress_label = "compare";
    const PipelineStats ps = run_line_pipeline(in, out, po, workers);
    s.lines = ps.lines;
    s.errors = ps.errors;
    s.internal = ps.internal;
    s.seconds = ps.seconds;
    for (const auto& w : workers) {
        const CompareAggregate& p = static_cast<const Worker&>(*w).part;
        s.profiles += p.profiles;
        s.changed += p.changed;
        add(s.by_kind, p.by_kind);
        add(s.by_condition, p.by_condition);
        add(s.by_rule, p.by_rule);
    }
    s.changed_rules = options.changed_rules;
    s.knowledge_a = a.knowledge().content_hash();
    s.knowledge_b = b.knowledge().content_hash();
    s.rules_a = a.rules().content_hash();
    s.rules_b = b.rules().content_hash();
    out << compare_aggregate_text(options.format, s);
    out.flush();
    return s;
}

void write_compare_summary(std::ostream& out, const CompareAggregate& s) {
    const std::size_t records = s.profiles + s.errors;
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.2f s, %.0f profiles/s", s.seconds,
                  s.seconds > 0 ? static_cast<double>(records) / s.seconds : 0.0);
    out << "compare: " << records << " records (" << s.profiles << " profiles, " << s.errors << " errors), "
        << s.changed << " changed, " << s.profiles - s.changed << " unchanged; " << rate << " on "
        << s.threads << " thread(s)\n";
}

}  // namespace rehab::io
