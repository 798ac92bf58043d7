// Batch recommendation on the line pipeline (io/suite/line_pipeline.hpp): each worker parses,
// recommends and renders, reusing one Recommendation (no per-profile allocation of the evaluation
// buffers), and counts its profiles, referrals and conditions, summed at the end.
#include "io/suite/batch.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "io/render/diagnostics_json.hpp"
#include "io/render/programme_json.hpp"
#include "io/render/programme_summary.hpp"
#include "io/suite/line_pipeline.hpp"
#include "io/table/programme_csv.hpp"

namespace rehab::io {

namespace {

class Worker : public LineWorker {
public:
    Worker(const Recommender& r, std::string input, BatchFormat format)
        : r_(r), input_(std::move(input)), format_(format) {}

    std::size_t profiles = 0, referrals = 0;
    std::map<std::string, std::size_t> per_condition;

    void refuse(std::size_t line, const std::string& text, const Diagnostics& d, std::string& out) override {
        const std::string& readable = readable_line(text);
        if (!csv()) {
            out += batch_error_record(line, d, readable_profile_id(readable));
            return;
        }
        append_error_csv(line, readable, d, shape(), out);
    }

    bool process(std::size_t line, const std::string& text, std::string& out) override {
        Diagnostics d;
        auto p = parse_profile_line(text, r_.knowledge(), input_, d);
        if (!p) {
            refuse(line, text, d, out);
            return false;
        }
        rec_.next_stage.reset();  // recommend() leaves a stale next stage for a late-stage patient
        // The full document explains exclusions from the trace; the other formats need none.
        r_.recommend(*p, rec_, format_ == BatchFormat::json);
        ++profiles;
        referrals += rec_.referred();
        ++per_condition[p->condition.valid() ? r_.knowledge().condition(p->condition).key : "(none)"];
        if (format_ == BatchFormat::json)
            out += programme_to_json(r_, rec_, *p, -1);
        else if (format_ == BatchFormat::summary)
            append_programme_summary(r_, rec_, *p, out);
        else
            append_programme_csv(r_, rec_, *p, line, shape(), out);
        return true;
    }

private:
    const Recommender& r_;
    std::string input_;
    BatchFormat format_ = BatchFormat::json;
    Recommendation rec_;

    bool csv() const { return format_ == BatchFormat::csv || format_ == BatchFormat::csv_long; }
    CsvShape shape() const { return format_ == BatchFormat::csv ? CsvShape::wide : CsvShape::long_form; }
};

}  // namespace

std::optional<BatchFormat> parse_batch_format(const std::string& name) {
    if (name == "json") return BatchFormat::json;
    if (name == "summary") return BatchFormat::summary;
    if (name == "csv") return BatchFormat::csv;
    if (name == "csv-long") return BatchFormat::csv_long;
    return std::nullopt;
}

std::string batch_error_record(std::size_t line, const Diagnostics& d, const std::string& id) {
    nlohmann::json record{{"line", line}, {"error", diagnostics_to_json(d, false)}};
    if (!id.empty()) record["id"] = id;
    return record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

BatchStats run_batch(const Recommender& r, std::istream& in, std::ostream& out, const BatchOptions& options) {
    BatchStats s;
    s.threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::unique_ptr<LineWorker>> workers;
    for (unsigned i = 0; i < s.threads; ++i)
        workers.push_back(std::make_unique<Worker>(r, options.input_name, options.format));
    if (options.format == BatchFormat::csv || options.format == BatchFormat::csv_long)
        out << programme_csv_header(options.format == BatchFormat::csv ? CsvShape::wide
                                                                       : CsvShape::long_form);
    PipelineOptions po;
    po.chunk = options.chunk;
    po.chunk_bytes = options.chunk_bytes;
    po.window = options.window;
    po.input_name = options.input_name;
    po.progress = options.progress;
    po.input_bytes = options.input_bytes;
    po.first_line = options.first_line;
    const PipelineStats ps = run_line_pipeline(in, out, po, workers);
    s.lines = ps.lines;
    s.errors = ps.errors;
    s.internal = ps.internal;
    s.seconds = ps.seconds;
    for (const auto& w : workers) {
        const auto& worker = static_cast<const Worker&>(*w);
        s.profiles += worker.profiles;
        s.referrals += worker.referrals;
        for (const auto& [k, n] : worker.per_condition) s.per_condition[k] += n;
    }
    return s;
}

void write_batch_summary(std::ostream& out, const BatchStats& s) {
    const std::size_t records = s.profiles + s.errors;
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.2f s, %.0f profiles/s", s.seconds,
                  s.seconds > 0 ? static_cast<double>(records) / s.seconds : 0.0);
    out << "batch: " << records << " records (" << s.profiles << " profiles, " << s.errors << " errors), "
        << s.referrals << " referrals, " << s.profiles - s.referrals << " programmes; " << rate << " on "
        << s.threads << " thread(s)\n";
    if (s.per_condition.empty()) return;
    out << "  per condition:";
    for (const auto& [k, n] : s.per_condition) out << " " << k << "=" << n;
    out << "\n";
}

}  // namespace rehab::io
