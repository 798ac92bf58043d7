// `rehab batch` as a library call: input order preserved with several threads and small chunks,
// error records for bad lines (the batch goes on), blank lines skipped, and the summary.
#include <catch2/catch.hpp>
#include <sstream>

#include "io/suite/batch.hpp"
#include "io/suite/profile_generator.hpp"
#include "scenario_fixture.hpp"

using namespace rehab;
using nlohmann::json;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> v;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
}

std::string input_with_bad_lines(std::size_t n) {
    io::GeneratorOptions o;
    o.seed = 7;
    io::ProfileGenerator g(o);
    std::string text;
    for (std::size_t i = 1; i <= n; ++i) {
        if (i % 50 == 0)
            text += "{\"id\": \"broken\", \"age\": \n";  // malformed JSON
        else if (i % 37 == 0)
            text +=
                R"({"id": "x", "age": 30, "condition": "adductor_related_groin_pain", "side": "left", "pain": {"rest": 11}})"
                "\n";
        else
            text += g.next().dump() + "\n";
    }
    return text;
}

}  // namespace

TEST_CASE("batch: output order is the input order with 2 threads", "[batch]") {
    const auto input = input_with_bad_lines(400);
    const auto in_lines = lines_of(input);
    std::istringstream in(input);
    std::ostringstream out;
    io::BatchOptions o;
    o.threads = 2;
    o.chunk = 7;
    o.window = 3;
    auto stats = io::run_batch(*test::bundled_engine(), in, out, o);
    const auto out_lines = lines_of(out.str());
    REQUIRE(out_lines.size() == in_lines.size());
    CHECK(stats.lines == 400);
    CHECK(stats.errors == 8 + 10);  // 8 malformed, 10 out of range
    CHECK(stats.profiles == 400 - 18);
    for (std::size_t i = 0; i < in_lines.size(); ++i) {
        auto got = json::parse(out_lines[i]);
        if (got.contains("error")) {
            CHECK(got["line"] == i + 1);
            continue;
        }
        CHECK(got["profile_id"] == json::parse(in_lines[i])["id"]);
        CHECK(got["format"] == "rehab.programme/1");
    }
    // The same output with one thread and other chunk sizes.
    std::istringstream in1(input);
    std::ostringstream out1;
    io::BatchOptions one;
    one.threads = 1;
    one.chunk = 64;
    io::run_batch(*test::bundled_engine(), in1, out1, one);
    CHECK(out1.str() == out.str());
}

TEST_CASE("batch: a bad line gives an error record and the batch goes on", "[batch]") {
    std::string input = test::adductor_profile("a").dump() + "\n" + "not json\n" + "\n" +
                        R"({"id": "b", "age": 30, "condition": "adductor_strain", "side": "left"})"
                        "\n" +
                        test::adductor_profile("c").dump();  // no final newline
    std::istringstream in(input);
    std::ostringstream out;
    io::BatchOptions o;
    o.threads = 2;
    auto stats = io::run_batch(*test::bundled_engine(), in, out, o);
    const auto lines = lines_of(out.str());
    REQUIRE(lines.size() == 4);  // the blank line gives nothing
    CHECK(json::parse(lines[0])["profile_id"] == "a");
    auto e1 = json::parse(lines[1]);
    CHECK(e1["line"] == 2);
    CHECK(e1["error"][0]["code"] == "PR001");
    CHECK(e1["error"][0].contains("column"));
    auto e2 = json::parse(lines[2]);
    CHECK(e2["line"] == 4);
    CHECK(e2["error"][0]["code"] == "PR005");
    CHECK(e2["error"][0]["pointer"] == "/condition");
    CHECK(json::parse(lines[3])["profile_id"] == "c");
    CHECK(lines[0].find('\n') == std::string::npos);
    CHECK(stats.profiles == 2);
    CHECK(stats.errors == 2);
    CHECK(stats.lines == 5);
    CHECK(stats.per_condition.at("adductor_related_groin_pain") == 2);
    std::ostringstream summary;
    io::write_batch_summary(summary, stats);
    CHECK(summary.str().find("4 records (2 profiles, 2 errors), 0 referrals") != std::string::npos);
    CHECK(summary.str().find("adductor_related_groin_pain=2") != std::string::npos);
}

TEST_CASE("batch: referrals are counted", "[batch]") {
    auto p = test::adductor_profile("r");
    p["red_flags"] = {"fever"};
    std::istringstream in(p.dump() + "\n" + test::adductor_profile("n").dump() + "\n");
    std::ostringstream out;
    auto stats = io::run_batch(*test::bundled_engine(), in, out, {});
    CHECK(stats.referrals == 1);
    CHECK(json::parse(lines_of(out.str())[0]).contains("referral"));
}

TEST_CASE("batch: empty input gives empty output", "[batch]") {
    std::istringstream in("");
    std::ostringstream out;
    auto stats = io::run_batch(*test::bundled_engine(), in, out, {});
    CHECK(out.str().empty());
    CHECK(stats.lines == 0);
}

TEST_CASE("batch: a summary record names the same programme as the full document", "[batch]") {
    const auto input = input_with_bad_lines(120);
    std::istringstream in_full(input), in_summary(input);
    std::ostringstream full, summary;
    io::BatchOptions o;
    o.threads = 2;
    o.chunk = 5;
    io::run_batch(*test::bundled_engine(), in_full, full, o);
    o.format = io::BatchFormat::summary;
    io::run_batch(*test::bundled_engine(), in_summary, summary, o);
    const auto a = lines_of(full.str()), b = lines_of(summary.str());
    REQUIRE(a.size() == b.size());
    std::size_t programmes = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto f = json::parse(a[i]), s = json::parse(b[i]);
        if (f.contains("error")) {
            CHECK(s == f);  // error records are the same in both modes
            continue;
        }
        CHECK(s["format"] == "rehab.programme-summary/1");
        CHECK(s["profile_id"] == f["profile_id"]);
        CHECK(s["stage"] == f["stage"]["value"]);
        CHECK(s.contains("referral") == f.contains("referral"));
        if (f.contains("referral")) continue;
        REQUIRE(s["exercises"].size() == f["exercises"].size());
        for (std::size_t k = 0; k < f["exercises"].size(); ++k) {
            const auto& fe = f["exercises"][k];
            const auto& se = s["exercises"][k];
            CHECK(se["id"] == fe["id"]);
            CHECK(se["sets"] == fe["dose"]["sets"]);
            CHECK(se["change"] == fe["change"]["kind"]);
            if (fe["dose"].contains("band")) CHECK(se["band"] == fe["dose"]["band"]["id"]);
        }
        CHECK(s["excluded"].size() == f["excluded"].size());
        ++programmes;
    }
    CHECK(programmes > 50);
}
