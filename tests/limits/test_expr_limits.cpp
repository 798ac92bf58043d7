// The rule language's limits, checked while parsing (RL018): nesting and chains deeper than
// max_expr_depth and text longer than max_expr_length are refused with a located diagnostic, fast,
// instead of overflowing the stack of the parser, the compiler, the selector checker or Expr::render.
#include <catch2/catch.hpp>
#include <string>

#include "../rules/rules_fixture.hpp"
#include "core/lang/ast.hpp"
#include "core/lang/selector.hpp"

using namespace rehab;

namespace {

std::string repeat(const std::string& piece, std::size_t n) {
    std::string out;
    out.reserve(piece.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += piece;
    return out;
}

// A chain of n operands joined by `op`: "a and a and a".
std::string chain(const std::string& operand, const std::string& op, std::size_t n) {
    return operand + repeat(" " + op + " " + operand, n - 1);
}

// Parses `text`, which must be refused with one RL018; returns it.
Diagnostic refused(const std::string& text) {
    Expr e;
    Diagnostics d;
    CHECK_FALSE(parse_expr(text, e, d, {"r.json", "/rules/0/when"}));
    REQUIRE(d.items().size() == 1);
    const Diagnostic& x = d.items()[0];
    CHECK(x.code == "RL018");
    CHECK(x.location.file == "r.json");
    CHECK(x.location.pointer == "/rules/0/when");
    CHECK(x.location.column > 0);
    CHECK(x.message.size() < 300);  // the message does not quote the whole expression
    return x;
}

bool parses(const std::string& text) {
    Expr e;
    Diagnostics d;
    return parse_expr(text, e, d, {"r.json", ""});
}

}  // namespace

TEST_CASE("limits: 20,000 nested parentheses are refused at the level that crosses the limit",
          "[limits][parser]") {
    const std::string deep = repeat("(", 20000) + "age > 1" + repeat(")", 20000);
    REQUIRE(deep.size() <= max_expr_length * 8);  // too deep and too long: either limit refuses it
    auto x = refused(repeat("(", 2000) + "x" + repeat(")", 2000));
    CHECK(x.location.column == max_expr_depth + 1);  // where the parse stopped, past the limit
    CHECK(x.message.find("nested more than 128 levels") != std::string::npos);
    refused(deep);
    CHECK(parses(repeat("(", max_expr_depth - 1) + "x" + repeat(")", max_expr_depth - 1)));
}

TEST_CASE("limits: long runs of not and unary minus are refused", "[limits][parser]") {
    refused(repeat("not ", 100000) + "x");
    refused(repeat("not ", 1000) + "x");
    refused(repeat("-", 100000) + "1 > 0");
    refused(repeat("- ", 1000) + "1 > 0");
    CHECK(parses(repeat("not ", 100) + "x"));
}

TEST_CASE("limits: flat chains count each operand as a level", "[limits][parser]") {
    // The chain of max_expr_depth operands is the deepest accepted; one more is refused.
    CHECK(parses(chain("a", "and", max_expr_depth)));
    auto x = refused(chain("a", "and", max_expr_depth + 1));
    CHECK(x.location.column > 1);
    refused(chain("x", "or", 1000));
    refused(chain("1", "+", 1000) + " > 0");
    refused("[" + chain("[a]", ",", 10) + "] == " + repeat("[", 200) + "a" + repeat("]", 200));
}

TEST_CASE("limits: an expression longer than max_expr_length is refused before parsing", "[limits][parser]") {
    auto x = refused(chain("age > 1", "and", 10000));  // the issue's 10,000-operand chain, 110 KB
    CHECK(x.message.find("characters long, more than the limit of 8192") != std::string::npos);
    refused(chain("position(prone)", "or", 100000));
    refused(std::string(max_expr_length + 1, 'a'));
    CHECK(parses(std::string(max_expr_length, 'a')));
}

TEST_CASE("limits: a deep selector is refused with RL018 by Selector::compile", "[limits][selector]") {
    auto kg = test::bundled_kg();
    const FactSchema schema = make_clinical_schema(*kg);
    for (const std::string& text :
         {chain("position(prone)", "or", 100000), chain("position(prone)", "or", 500),
          repeat("not ", 100000) + "position(prone)",
          repeat("(", 20000) + "position(prone)" + repeat(")", 20000)}) {
        Diagnostics d;
        CHECK_FALSE(Selector::compile(text, *kg, schema, d, {"r.json", "/rules/0/then/0/exclude"}));
        REQUIRE(d.items().size() == 1);
        CHECK(d.items()[0].code == "RL018");
    }
    Diagnostics d;  // the deepest accepted chain (a call and its argument are two levels) compiles
    CHECK(Selector::compile(chain("position(prone)", "or", max_expr_depth - 1), *kg, schema, d,
                            {"r.json", ""}));
    CHECK(d.items().empty());
}

TEST_CASE("limits: a long accepted condition compiles and a longer chain is refused in its rule",
          "[limits][compiler]") {
    Diagnostics d;
    auto rs = test::compile_text(test::doc({test::rule("deep.chain", chain("age > 1", "and", 100),
                                                       R"j([{"exclude": "exercise(bridge)"}])j")}),
                                 d);
    for (const auto& x : d.items()) UNSCOPED_INFO(x.code << ": " << x.message);
    CHECK(rs);
    Diagnostics d2;
    auto too_deep = test::compile_text(test::doc({test::rule("deep.chain", chain("age > 1", "and", 200),
                                                             R"j([{"exclude": "exercise(bridge)"}])j")}),
                                       d2);
    CHECK_FALSE(too_deep);
    REQUIRE_FALSE(d2.items().empty());
    CHECK(d2.items()[0].code == "RL018");
    CHECK(d2.items()[0].location.pointer == "/rules/0/when");
}
