// The batch pipeline: the calling thread reads chunks of lines and writes finished chunks in input
// order; worker threads parse, recommend and render. At most `window` chunks exist at once, so
// memory does not grow with the input. Each worker reuses one Recommendation (no per-profile
// allocation of the evaluation buffers).
#include "io/suite/batch.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "io/json/reader.hpp"
#include "io/load/profile_reader.hpp"
#include "io/render/diagnostics_json.hpp"
#include "io/render/programme_json.hpp"
#include "io/render/programme_summary.hpp"
#include "io/table/programme_csv.hpp"

namespace rehab::io {

namespace {

using Clock = std::chrono::steady_clock;

struct Chunk {
    std::size_t first_line = 0;              // 1-based number of lines[0]
    std::vector<std::string> lines, output;  // output[i]: the record for lines[i] ("" for a blank line)
    std::size_t profiles = 0, referrals = 0, errors = 0, internal = 0;
    std::map<std::string, std::size_t> per_condition;
    bool done = false;
};

// One line into `line`, keeping at most max + 1 bytes of it (a longer line is read to its end and
// dropped: its size, max + 1, says that it was too long). False at the end of the input.
bool read_line(std::streambuf& in, std::string& line, std::size_t max) {
    line.clear();
    int c = in.sbumpc();
    if (c == std::char_traits<char>::eof()) return false;
    for (; c != std::char_traits<char>::eof() && c != '\n'; c = in.sbumpc())
        if (line.size() <= max) line.push_back(static_cast<char>(c));
    return true;
}

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(),
                       [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

class Worker {
public:
    Worker(const Recommender& r, std::string input, BatchFormat format)
        : r_(r), input_(std::move(input)), format_(format) {}

    void process(Chunk& c) {
        c.output.resize(c.lines.size());
        for (std::size_t i = 0; i < c.lines.size(); ++i) {
            if (blank(c.lines[i])) continue;
            c.output[i] = one(c, c.first_line + i, c.lines[i]);
        }
    }

private:
    const Recommender& r_;
    std::string input_;
    BatchFormat format_ = BatchFormat::json;
    Recommendation rec_;

    bool csv() const { return format_ == BatchFormat::csv || format_ == BatchFormat::csv_long; }
    CsvShape shape() const { return format_ == BatchFormat::csv ? CsvShape::wide : CsvShape::long_form; }

    std::string refused(Chunk& c, std::size_t line, const std::string& text, const Diagnostics& d) {
        ++c.errors;
        const std::string& readable = text.size() > max_profile_bytes ? std::string() : text;
        if (!csv()) return batch_error_record(line, d, readable_profile_id(readable));
        std::string out;
        append_error_csv(line, readable, d, shape(), out);
        return out;
    }

    std::string one(Chunk& c, std::size_t line, const std::string& text) {
        Diagnostics d;
        try {
            if (text.size() > max_profile_bytes) {
                d.error("PR014", {input_, ""},
                        "the line is longer than the limit of " + byte_size_text(max_profile_bytes));
                return refused(c, line, text, d);
            }
            auto p = parse_profile_text(text, r_.knowledge(), input_, d);
            if (!p) return refused(c, line, text, d);
            rec_.next_stage.reset();  // recommend() leaves a stale next stage for a late-stage patient
            // The full document explains exclusions from the trace; the other formats need none.
            r_.recommend(*p, rec_, format_ == BatchFormat::json);
            ++c.profiles;
            c.referrals += rec_.referred();
            ++c.per_condition[p->condition.valid() ? r_.knowledge().condition(p->condition).key : "(none)"];
            std::string out;
            out.reserve(2048);
            if (format_ == BatchFormat::json) return programme_to_json(r_, rec_, *p, -1);
            if (format_ == BatchFormat::summary)
                append_programme_summary(r_, rec_, *p, out);
            else
                append_programme_csv(r_, rec_, *p, line, shape(), out);
            return out;
        } catch (const std::exception& e) {  // a bug, not bad data: keep going, but say so
            Diagnostics internal;
            internal.error("INTERNAL", {input_, ""}, std::string("internal error: ") + e.what());
            ++c.internal;
            return refused(c, line, text, internal);
        }
    }
};

// A fixed set of worker threads taking chunks from a queue; the reader waits on the oldest chunk.
class Pool {
public:
    Pool(const Recommender& r, unsigned threads, const std::string& input, BatchFormat format) {
        for (unsigned i = 0; i < threads; ++i)
            threads_.emplace_back([this, &r, input, format] {
                Worker w(r, input, format);
                loop(w);
            });
    }
    ~Pool() {
        {
            std::lock_guard lock(m_);
            stop_ = true;
        }
        work_cv_.notify_all();
        for (auto& t : threads_) t.join();
    }
    void submit(std::shared_ptr<Chunk> c) {
        {
            std::lock_guard lock(m_);
            queue_.push_back(std::move(c));
        }
        work_cv_.notify_one();
    }
    void wait(const Chunk& c) {
        std::unique_lock lock(m_);
        done_cv_.wait(lock, [&] { return c.done; });
    }

private:
    std::mutex m_;
    std::condition_variable work_cv_, done_cv_;
    std::deque<std::shared_ptr<Chunk>> queue_;
    bool stop_ = false;
    std::vector<std::thread> threads_;

    void loop(Worker& w) {
        for (;;) {
            std::shared_ptr<Chunk> c;
            {
                std::unique_lock lock(m_);
                work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
                if (queue_.empty()) return;
                c = std::move(queue_.front());
                queue_.pop_front();
            }
            w.process(*c);
            {
                std::lock_guard lock(m_);
                c->done = true;
            }
            done_cv_.notify_all();
        }
    }
};

void merge(BatchStats& s, const Chunk& c) {
    s.profiles += c.profiles;
    s.referrals += c.referrals;
    s.errors += c.errors;
    s.internal += c.internal;
    for (const auto& [k, n] : c.per_condition) s.per_condition[k] += n;
}

void write_chunk(std::ostream& out, const Chunk& c) {
    for (const auto& o : c.output)
        if (!o.empty()) out << o << '\n';
}

void show_progress(std::ostream& p, const BatchStats& s, Clock::time_point start) {
    const double secs = std::chrono::duration<double>(Clock::now() - start).count();
    const std::size_t n = s.profiles + s.errors;
    char line[128];
    std::snprintf(line, sizeof line, "\rbatch: %zu profiles, %zu errors, %.0f profiles/s   ", n, s.errors,
                  secs > 0 ? static_cast<double>(n) / secs : 0.0);
    p << line << std::flush;
}

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
    const std::size_t window = options.window ? options.window : 4 * static_cast<std::size_t>(s.threads);
    const std::size_t chunk = std::max<std::size_t>(1, options.chunk);
    const auto start = Clock::now();
    auto last_progress = start;
    std::deque<std::shared_ptr<Chunk>> in_flight;
    Pool pool(r, s.threads, options.input_name, options.format);
    if (options.format == BatchFormat::csv || options.format == BatchFormat::csv_long)
        out << programme_csv_header(options.format == BatchFormat::csv ? CsvShape::wide
                                                                       : CsvShape::long_form);

    auto retire_oldest = [&] {
        auto c = std::move(in_flight.front());
        in_flight.pop_front();
        pool.wait(*c);
        write_chunk(out, *c);
        merge(s, *c);
        if (options.progress && Clock::now() - last_progress > std::chrono::milliseconds(500)) {
            last_progress = Clock::now();
            show_progress(*options.progress, s, start);
        }
    };

    std::string line;
    bool more = true;
    std::streambuf& source = *in.rdbuf();
    while (more) {
        auto c = std::make_shared<Chunk>();
        c->first_line = options.first_line + s.lines;
        c->lines.reserve(chunk);
        std::size_t bytes = 0;
        while (c->lines.size() < chunk && bytes < options.chunk_bytes &&
               (more = read_line(source, line, max_profile_bytes))) {
            bytes += line.size();
            c->lines.push_back(std::move(line));
        }
        s.lines += c->lines.size();
        if (c->lines.empty()) break;
        if (in_flight.size() >= window) retire_oldest();
        in_flight.push_back(c);
        pool.submit(std::move(c));
    }
    while (!in_flight.empty()) retire_oldest();
    out.flush();
    if (options.progress && last_progress != start) *options.progress << "\n";
    s.seconds = std::chrono::duration<double>(Clock::now() - start).count();
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
