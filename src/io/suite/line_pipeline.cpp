// The line pipeline: the calling thread reads chunks of lines and writes finished chunks in input
// order; a fixed pool of threads, one per LineWorker, processes them. At most `window` chunks exist at
// once, so memory does not grow with the input. An exception on a line becomes an INTERNAL error record.
#include "io/suite/line_pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

#include "io/json/reader.hpp"
#include "io/load/profile_reader.hpp"

namespace rehab::io {

namespace {

using Clock = std::chrono::steady_clock;

struct Chunk {
    std::size_t first_line = 0;              // 1-based number of lines[0]
    std::vector<std::string> lines, output;  // output[i]: the record for lines[i] ("" for a blank line)
    std::size_t records = 0, errors = 0, internal = 0;
    std::uint64_t bytes = 0;  // input bytes of lines (newlines included)
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

void process(LineWorker& w, Chunk& c, const std::string& input) {
    c.output.resize(c.lines.size());
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
        if (blank(c.lines[i])) continue;
        const std::size_t line = c.first_line + i;
        ++c.records;
        std::string& out = c.output[i];
        out.reserve(2048);
        try {
            if (!w.process(line, c.lines[i], out)) ++c.errors;
        } catch (const std::exception& e) {  // a bug, not bad data: keep going, but say so
            Diagnostics internal;
            internal.error("INTERNAL", {input, ""}, std::string("internal error: ") + e.what());
            ++c.errors;
            ++c.internal;
            out.clear();
            w.refuse(line, c.lines[i], internal, out);
        }
    }
}

// A fixed set of worker threads taking chunks from a queue; the reader waits on the oldest chunk.
class Pool {
public:
    Pool(const std::vector<std::unique_ptr<LineWorker>>& workers, const std::string& input) {
        for (const auto& w : workers)
            threads_.emplace_back([this, worker = w.get(), input] { loop(*worker, input); });
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

    void loop(LineWorker& w, const std::string& input) {
        for (;;) {
            std::shared_ptr<Chunk> c;
            {
                std::unique_lock lock(m_);
                work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
                if (queue_.empty()) return;
                c = std::move(queue_.front());
                queue_.pop_front();
            }
            process(w, *c, input);
            {
                std::lock_guard lock(m_);
                c->done = true;
            }
            done_cv_.notify_all();
        }
    }
};

void write_chunk(std::ostream& out, const Chunk& c) {
    for (const auto& o : c.output)
        if (!o.empty()) out << o << '\n';
}

}  // namespace

std::string progress_line(const std::string& label, const PipelineStats& s, double seconds,
                          std::uint64_t input_bytes) {
    const double rate = seconds > 0 ? static_cast<double>(s.records) / seconds : 0.0;
    char line[200];
    if (input_bytes == 0 || s.bytes == 0) {
        std::snprintf(line, sizeof line, "%s: %zu profiles, %zu errors, %.0f profiles/s", label.c_str(),
                      s.records, s.errors, rate);
        return line;
    }
    const double done = std::min(1.0, static_cast<double>(s.bytes) / static_cast<double>(input_bytes));
    const double left = done > 0 ? seconds * (1.0 - done) / done : 0.0;
    std::snprintf(line, sizeof line, "%s: %.0f%%, %zu profiles, %zu errors, %.0f profiles/s, about %s left",
                  label.c_str(), 100.0 * done, s.records, s.errors, rate, duration_words(left).c_str());
    return line;
}

std::string duration_words(double seconds) {
    const long s = seconds < 0 ? 0 : static_cast<long>(seconds + 0.5);
    char out[40];
    if (s < 60)
        std::snprintf(out, sizeof out, "%ld s", s);
    else if (s < 3600)
        std::snprintf(out, sizeof out, "%ld min %02ld s", s / 60, s % 60);
    else
        std::snprintf(out, sizeof out, "%ld h %02ld min", s / 3600, (s % 3600) / 60);
    return out;
}

namespace {

void show_progress(std::ostream& p, const PipelineOptions& o, const PipelineStats& s,
                   Clock::time_point start) {
    const double secs = std::chrono::duration<double>(Clock::now() - start).count();
    // Padded so that a shorter line fully covers the one before it.
    p << '\r' << progress_line(o.progress_label, s, secs, o.input_bytes) << "   " << std::flush;
}

}  // namespace

PipelineStats run_line_pipeline(std::istream& in, std::ostream& out, const PipelineOptions& options,
                                const std::vector<std::unique_ptr<LineWorker>>& workers) {
    PipelineStats s;
    const std::size_t window = options.window ? options.window : 4 * std::max<std::size_t>(1, workers.size());
    const std::size_t chunk = std::max<std::size_t>(1, options.chunk);
    const auto start = Clock::now();
    auto last_progress = start;
    std::deque<std::shared_ptr<Chunk>> in_flight;
    Pool pool(workers, options.input_name);

    auto retire_oldest = [&] {
        auto c = std::move(in_flight.front());
        in_flight.pop_front();
        pool.wait(*c);
        write_chunk(out, *c);
        s.records += c->records;
        s.errors += c->errors;
        s.internal += c->internal;
        s.bytes += c->bytes;
        if (options.progress && Clock::now() - last_progress > std::chrono::milliseconds(500)) {
            last_progress = Clock::now();
            show_progress(*options.progress, options, s, start);
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
        c->bytes = bytes + c->lines.size();  // and a newline each
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

std::optional<Profile> parse_profile_line(const std::string& text, const KnowledgeGraph& kg,
                                          const std::string& input_name, Diagnostics& d) {
    if (text.size() > max_profile_bytes) {
        d.error("PR014", {input_name, ""},
                "the line is longer than the limit of " + byte_size_text(max_profile_bytes));
        return std::nullopt;
    }
    return parse_profile_text(text, kg, input_name, d);
}

const std::string& readable_line(const std::string& text) {
    static const std::string none;
    return text.size() > max_profile_bytes ? none : text;
}

}  // namespace rehab::io
