// The progress line of batch and compare: the share done and the time left when the input's size is
// known (a file), only counts and rate when it is not (a pipe); the pipeline counts the input bytes
// it has written records for, so that 100 % means the whole file.
#include <catch2/catch.hpp>
#include <memory>
#include <sstream>

#include "io/suite/line_pipeline.hpp"

using namespace rehab;

namespace {

struct EchoWorker : io::LineWorker {
    bool process(std::size_t, const std::string& text, std::string& out) override {
        out += text;
        return true;
    }
    void refuse(std::size_t, const std::string&, const Diagnostics&, std::string&) override {}
};

}  // namespace

TEST_CASE("the progress line shows the share done and the time left when the size is known",
          "[batch][progress]") {
    io::PipelineStats s;
    s.records = 4200;
    s.errors = 3;
    s.bytes = 420;
    CHECK(io::progress_line("batch", s, 2.0, 1000) ==
          "batch: 42%, 4200 profiles, 3 errors, 2100 profiles/s, about 3 s left");
    s.bytes = 1000;
    CHECK(io::progress_line("compare", s, 2.0, 1000) ==
          "compare: 100%, 4200 profiles, 3 errors, 2100 profiles/s, about 0 s left");
}

TEST_CASE("without a known size the progress line gives counts and the rate only", "[batch][progress]") {
    io::PipelineStats s;
    s.records = 10;
    s.bytes = 100;
    CHECK(io::progress_line("batch", s, 0.5, 0) == "batch: 10 profiles, 0 errors, 20 profiles/s");
}

TEST_CASE("the time left is said in seconds, minutes or hours", "[batch][progress]") {
    CHECK(io::duration_words(-4) == "0 s");
    CHECK(io::duration_words(12.4) == "12 s");
    CHECK(io::duration_words(185) == "3 min 05 s");
    CHECK(io::duration_words(7620) == "2 h 07 min");
}

TEST_CASE("the pipeline counts every input byte once the last record is written", "[batch][progress]") {
    const std::string input = "a\n\nbb\nccc\n";
    std::istringstream in(input);
    std::ostringstream out;
    std::vector<std::unique_ptr<io::LineWorker>> workers;
    workers.push_back(std::make_unique<EchoWorker>());
    workers.push_back(std::make_unique<EchoWorker>());
    io::PipelineOptions o;
    o.chunk = 1;
    const auto s = io::run_line_pipeline(in, out, o, workers);
    CHECK(out.str() == "a\nbb\nccc\n");
    CHECK(s.bytes == input.size());
    CHECK(s.records == 3);
}
