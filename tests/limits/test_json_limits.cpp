// JSON input limits: nesting deeper than the caller's limit stops the parse at the bracket that crosses
// it (line:column, the caller's malformed-JSON code), before the document grows; a profile larger than
// max_profile_bytes is refused (PR014); a batch line over the limit is an error record and the batch
// goes on. Memory is bounded by the limits, whatever the input.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "../support/bundled.hpp"
#include "io/json/reader.hpp"
#include "io/load/profile_reader.hpp"
#include "io/suite/batch.hpp"

using namespace rehab;

namespace {

std::string nested(char open, std::size_t depth) {
    const char close = open == '[' ? ']' : '}';
    std::string inner = open == '[' ? "1" : "";
    std::string s;
    for (std::size_t i = 0; i < depth; ++i) s += open == '[' ? "[" : "{\"a\": ";
    s += open == '[' ? inner : "1";
    for (std::size_t i = 0; i < depth; ++i) s += close;
    return s;
}

}  // namespace

TEST_CASE("json limits: nesting up to the limit parses, one more level is refused at its bracket",
          "[limits][json]") {
    Diagnostics ok;
    CHECK(io::parse_json(nested('[', 64), "f.json", ok, "XX001", 64));
    CHECK(io::parse_json(nested('{', 64), "f.json", ok, "XX001", 64));
    CHECK(ok.empty());
    for (char open : {'[', '{'}) {
        Diagnostics d;
        CHECK_FALSE(io::parse_json(nested(open, 65), "f.json", d, "XX001", 64));
        REQUIRE(d.items().size() == 1);
        const auto& x = d.items()[0];
        CHECK(x.code == "XX001");
        CHECK(x.location.line == 1);
        CHECK(x.location.column == (open == '[' ? 65 : 1 + 64 * 6));  // the 65th opening bracket
        CHECK(x.message.find("nested more than 64 levels") != std::string::npos);
    }
}

TEST_CASE("json limits: brackets inside strings do not count, and the line is found", "[limits][json]") {
    Diagnostics d;
    CHECK(io::parse_json("[\"[[[[[[[[[[\\\"[[[[\", {\"k[\": [1]}]", "f.json", d, "XX001", 3));
    CHECK(d.empty());
    CHECK_FALSE(io::parse_json("{\n  \"a\": [\n    [[1]]]}", "f.json", d, "XX001", 3));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].location.line == 3);
    CHECK(d.items()[0].location.column == 6);
}

TEST_CASE("json limits: a megabyte of open brackets as a profile is refused at level 65, in little memory",
          "[limits][json][profile]") {
    Diagnostics d;
    CHECK_FALSE(io::parse_profile_text(std::string(1000000, '['), *test::bundled_kg(), "p.json", d));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].code == "PR001");
    CHECK(d.items()[0].location.column == 65);
    // The default (knowledge, rules, scenarios) is deeper.
    Diagnostics deep;
    CHECK(io::parse_json(nested('[', 128), "k.json", deep, "KB001"));
    CHECK_FALSE(io::parse_json(nested('[', 129), "k.json", deep, "KB001"));
}

TEST_CASE("json limits: a profile larger than max_profile_bytes is refused before parsing",
          "[limits][profile]") {
    Diagnostics d;
    std::string big = "{\"id\": \"" + std::string(io::max_profile_bytes, 'x') + "\"}";
    CHECK_FALSE(io::parse_profile_text(big, *test::bundled_kg(), "p.json", d));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].code == "PR014");
    CHECK(d.items()[0].message.find("more than the limit of 1 MiB") != std::string::npos);
    CHECK(io::byte_size_text(io::max_data_file_bytes) == "16 MiB");
}

TEST_CASE("json limits: read_text_stream stops at the limit", "[limits][json]") {
    std::istringstream in(std::string(5000, 'a'));
    Diagnostics d;
    CHECK_FALSE(io::read_text_stream(in, "<stdin>", d, "PR014", 4096));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].location.file == "<stdin>");
    CHECK(d.items()[0].message == "input is larger than the limit of 4 KiB, stopped reading");
    std::istringstream small(std::string(4096, 'a'));
    CHECK(io::read_text_stream(small, "<stdin>", d, "PR014", 4096).value().size() == 4096);
}

TEST_CASE("json limits: a batch line over the limit is an error record, and the batch goes on",
          "[limits][batch]") {
    const std::string good =
        R"({"id": "ok", "age": 30, "condition": "adductor_related_groin_pain", "side": "left"})";
    std::istringstream in(std::string(3 * io::max_profile_bytes, '[') + "\n" + std::string(100000, '[') +
                          "\n" + good + "\n");
    std::ostringstream out;
    io::BatchOptions options;
    options.threads = 1;
    options.format = io::BatchFormat::summary;
    const auto stats = io::run_batch(*test::bundled_recommender(), in, out, options);
    CHECK(stats.lines == 3);
    CHECK(stats.errors == 2);
    CHECK(stats.profiles == 1);
    std::istringstream lines(out.str());
    std::vector<nlohmann::json> records;
    for (std::string line; std::getline(lines, line);) records.push_back(nlohmann::json::parse(line));
    REQUIRE(records.size() == 3);
    CHECK(records[0]["line"] == 1);
    CHECK(records[0]["error"][0]["code"] == "PR014");
    CHECK(records[0]["error"][0]["message"] == "the line is longer than the limit of 1 MiB");
    CHECK(records[1]["line"] == 2);
    CHECK(records[1]["error"][0]["code"] == "PR001");
    CHECK(records[1]["error"][0]["column"] == 65);
    CHECK(records[2]["profile_id"] == "ok");
}
