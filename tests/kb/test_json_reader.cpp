// Tests of the shared JSON helpers: file reading, parse errors with line:column and a clean
// message, JSON pointer escaping, and every FieldReader method's success and failure paths.
#include <catch2/catch.hpp>

#include "../support/temp_dir.hpp"
#include "io/json/reader.hpp"

using nlohmann::json;
using rehab::Diagnostics;
using rehab::io::FieldReader;

namespace {
const rehab::Diagnostic& only(const Diagnostics& d) {
    REQUIRE(d.items().size() == 1);
    return d.items()[0];
}
}  // namespace

TEST_CASE("json: read_text_file reads a file and reports a missing one", "[json]") {
    rehab::test::TempDir dir("json");
    Diagnostics d;
    auto path = dir.write("a.txt", "hello\n");
    CHECK(rehab::io::read_text_file(path, d, "XX014").value() == "hello\n");
    CHECK(d.empty());
    CHECK_FALSE(rehab::io::read_text_file(dir.file("missing.txt"), d, "XX014"));
    CHECK(only(d).code == "XX014");
    CHECK(only(d).location.file == dir.file("missing.txt"));
}

TEST_CASE("json: parse_json reports line - column and a clean message", "[json]") {
    Diagnostics d;
    auto j = rehab::io::parse_json("{\n  \"a\": 1,\n  \"b\": }\n", "f.json", d, "KB001");
    CHECK_FALSE(j);
    const auto& e = only(d);
    CHECK(e.code == "KB001");
    CHECK(e.location.file == "f.json");
    CHECK(e.location.line == 3);
    CHECK(e.location.column == 8);
    CHECK(e.message == "syntax error: unexpected '}', expected a value");
}

TEST_CASE("json: parse_json messages for other syntax errors", "[json]") {
    Diagnostics d;
    CHECK_FALSE(rehab::io::parse_json("[1, 2", "f.json", d, "RL001"));
    CHECK_FALSE(rehab::io::parse_json("{\"a\" 1}", "f.json", d, "RL001"));
    REQUIRE(d.items().size() == 2);
    CHECK(d.items()[0].message.find("syntax error") == 0);
    CHECK(d.items()[0].message.find("end of file") != std::string::npos);
    CHECK(d.items()[0].message.find("json.exception") == std::string::npos);
    CHECK(d.items()[1].location.line == 1);
    CHECK(d.items()[1].location.column == 6);
    CHECK(d.items()[1].message.find("expected ':'") != std::string::npos);
    CHECK(rehab::io::parse_json("{\"a\": [1, 2]}", "f.json", d, "RL001").value()["a"][1] == 2);
}

TEST_CASE("json: json_pointer_escape escapes ~ and /", "[json]") {
    CHECK(rehab::io::json_pointer_escape("a/b~c") == "a~1b~0c");
    CHECK(rehab::io::json_pointer_escape("plain") == "plain");
}

TEST_CASE("json: FieldReader reads well-typed fields", "[json]") {
    json j = {{"s", "text"},     {"n", 2.5},    {"i", 4},     {"b", true},   {"l", {"x", "y"}},
              {"o", {{"k", 1}}}, {"a", {1, 2}}, {"e", "mid"}, {"z", nullptr}};
    Diagnostics d;
    FieldReader r(j, "f.json", "/root", d, "PR");
    CHECK(r.string("s", true) == "text");
    CHECK(r.number("n", true, 0, 10) == 2.5);
    CHECK(r.integer("i", true, 0, 10) == 4);
    CHECK(r.boolean("b", true) == true);
    CHECK(r.string_list("l", true) == std::vector<std::string>{"x", "y"});
    CHECK(r.object("o", true) != nullptr);
    CHECK(r.array("a", true)->size() == 2);
    CHECK(r.enumeration("e", true, {"early", "mid"}) == "mid");
    CHECK_FALSE(r.string("absent", false));
    CHECK_FALSE(r.string("z", false));  // null counts as missing
    r.allow_only({"s", "n", "i", "b", "l", "o", "a", "e", "z"});
    CHECK(d.empty());
    CHECK(r.child_pointer("a/b") == "/root/a~1b");
}

TEST_CASE("json: FieldReader reports wrong types with the field pointer", "[json]") {
    json j = {{"s", 1}, {"n", "x"}, {"i", 2.5}, {"b", "yes"}, {"l", {"x", 3}}, {"o", {1}}, {"a", {{"k", 1}}}};
    Diagnostics d;
    FieldReader r(j, "f.json", "/p/0", d, "PR");
    CHECK_FALSE(r.string("s", true));
    CHECK_FALSE(r.number("n", true, 0, 1));
    CHECK_FALSE(r.integer("i", true, 0, 10));
    CHECK_FALSE(r.boolean("b", true));
    CHECK(r.string_list("l", true) == std::vector<std::string>{"x"});
    CHECK(r.object("o", true) == nullptr);
    CHECK(r.array("a", true) == nullptr);
    REQUIRE(d.items().size() == 7);
    for (const auto& item : d.items()) {
        CHECK(item.code == "PR002");
        CHECK(item.location.file == "f.json");
    }
    CHECK(d.items()[0].location.pointer == "/p/0/s");
    CHECK(d.items()[0].message == "field 's' should be a string, found an integer");
    CHECK(d.items()[4].location.pointer == "/p/0/l/1");
    CHECK(d.items()[6].location.pointer == "/p/0/a");
}

TEST_CASE("json: FieldReader reports missing required fields only", "[json]") {
    Diagnostics d;
    json j = json::object();
    FieldReader r(j, "f.json", "", d, "RL");
    CHECK_FALSE(r.number("weight", false, 0, 1));
    CHECK(d.empty());
    CHECK(r.string_list("tags", true).empty());
    CHECK(only(d).code == "RL003");
    CHECK(only(d).location.pointer == "/tags");
}

TEST_CASE("json: FieldReader reports out-of-range values and bad enumerations", "[json]") {
    json j = {{"n", 11}, {"i", -1}, {"e", "midd"}};
    Diagnostics d;
    FieldReader r(j, "f.json", "/x", d, "KB");
    CHECK_FALSE(r.number("n", true, 0, 10));
    CHECK_FALSE(r.integer("i", true, 0, 10));
    CHECK_FALSE(r.enumeration("e", true, {"early", "mid", "late"}));
    REQUIRE(d.items().size() == 3);
    CHECK(d.items()[0].code == "KB007");
    CHECK(d.items()[0].location.pointer == "/x/n");
    CHECK(d.items()[1].location.pointer == "/x/i");
    CHECK(d.items()[2].location.pointer == "/x/e");
    CHECK(d.items()[2].hint == "did you mean 'mid'?");
}

TEST_CASE("json: FieldReader allow_only reports unknown fields with a hint", "[json]") {
    json j = {{"name", "a"}, {"stagez", 1}};
    Diagnostics d;
    FieldReader r(j, "f.json", "/e/2", d, "KB");
    r.allow_only({"name", "stages"});
    CHECK(only(d).code == "KB004");
    CHECK(only(d).location.pointer == "/e/2/stagez");
    CHECK(only(d).hint == "did you mean 'stages'?");
}

TEST_CASE("json: FieldReader on a non-object reports one wrong type", "[json]") {
    json j = json::array({1, 2});
    Diagnostics d;
    FieldReader r(j, "f.json", "/items/4", d, "PR");
    CHECK_FALSE(r.string("a", true));
    CHECK_FALSE(r.integer("b", true, 0, 1));
    r.allow_only({});
    CHECK_FALSE(r.is_object());
    CHECK(only(d).code == "PR002");
    CHECK(only(d).location.pointer == "/items/4");
    CHECK(only(d).message == "expected an object, found an array");
}

TEST_CASE("json: a duplicate key is an error at its pointer - never a silent last-one-wins", "[json]") {
    Diagnostics d;
    const std::string text =
        R"({"age": 30, "pain": {"rest": 1}, "list": [{"x": 1}, {"x": 2, "x": 3}], "age": 31})";
    CHECK_FALSE(rehab::io::parse_json(text, "p.json", d, "XX001"));
    REQUIRE(d.items().size() == 2);
    CHECK(d.items()[0].location.pointer == "/list/1/x");
    CHECK(d.items()[1].location.pointer == "/age");
    CHECK(d.items()[1].code == "XX001");
    CHECK(d.items()[1].message.find("duplicate key 'age'") != std::string::npos);
    Diagnostics ok;
    CHECK(rehab::io::parse_json(R"({"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 1}]})", "q.json", ok,
                                "XX001"));
    CHECK(ok.empty());
}

TEST_CASE("json: a number too large for a double is located at its first character", "[json]") {
    Diagnostics d;
    CHECK_FALSE(rehab::io::parse_json("{\n  \"rest\": -1e400\n}", "p.json", d, "XX001"));
    CHECK(only(d).location.line == 2);
    CHECK(only(d).location.column == 11);
    CHECK(only(d).message ==
          "number overflow parsing '-1e400', expected a finite number (one that fits in a double)");
}

TEST_CASE("json: the usual slips of hand-written JSON get a hint", "[json]") {
    auto hint_of = [](const std::string& text) {
        Diagnostics d;
        CHECK_FALSE(rehab::io::parse_json(text, "f.json", d, "PR001"));
        REQUIRE(d.items().size() == 1);
        return d.items()[0].hint;
    };
    CHECK(hint_of("{\"a\": 1,\n}") == "trailing comma? JSON allows no comma before '}'");
    CHECK(hint_of("[1, 2, ]") == "trailing comma? JSON allows no comma before ']'");
    CHECK(hint_of("{'a': 1}") == "JSON strings and keys take double quotes (\"), not single quotes");
    CHECK(hint_of("{// note\n\"a\": 1}") == "JSON has no comments");
    CHECK(hint_of("{\"a\": }").empty());  // no guess when the slip is not one of these
}
