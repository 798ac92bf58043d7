// Specification of the rule language's grammar: operator precedence and associativity, lists with
// in / not in, function calls, names, and syntax errors reported once, as RL001, with the column.
#include <catch2/catch.hpp>

#include "core/lang/ast.hpp"

using namespace rehab;

namespace {

Expr parse_ok(const std::string& text) {
    Expr e;
    Diagnostics d;
    INFO(text);
    REQUIRE(parse_expr(text, e, d, {"f.json", "/rules/0/when"}));
    REQUIRE(d.empty());
    return e;
}

// The canonical text: and/or groups are parenthesised, so the tree's shape shows.
std::string shape(const std::string& text) {
    Expr e = parse_ok(text);
    return e.render(e.root);
}

struct SyntaxError {
    int column = 0;
    std::string message;
};

SyntaxError parse_error(const std::string& text) {
    Expr e;
    Diagnostics d;
    INFO(text);
    REQUIRE_FALSE(parse_expr(text, e, d, {"f.json", "/rules/3/when"}));
    REQUIRE(d.items().size() == 1);  // one diagnostic per expression
    const Diagnostic& x = d.items()[0];
    CHECK(x.code == "RL001");
    CHECK(x.severity == Severity::error);
    CHECK(x.location.file == "f.json");
    CHECK(x.location.pointer == "/rules/3/when");
    CHECK(x.message.find(text) != std::string::npos);  // quotes the expression
    return {x.location.column, x.message};
}

}  // namespace

TEST_CASE("parser: and binds tighter than or - not tighter than and", "[rules][parser]") {
    CHECK(shape("a or b and c") == "(a or (b and c))");
    CHECK(shape("a and b or c") == "((a and b) or c)");
    CHECK(shape("(a or b) and c") == "((a or b) and c)");
    CHECK(shape("not a and b") == "(not a and b)");
    CHECK(shape("not (a and b)") == "not (a and b)");
    CHECK(shape("not not a") == "not not a");
    CHECK(shape("a or b or c") == "((a or b) or c)");  // left-associative
    CHECK(shape("a and b and c") == "((a and b) and c)");
}

TEST_CASE("parser: comparisons bind tighter than logic - arithmetic tighter than comparisons",
          "[rules][parser]") {
    Expr e = parse_ok("pain.rest + 1 > 2 * pain.walking and x");
    const ExprNode& top = e.top();
    REQUIRE(top.kind == ExprKind::binary);
    CHECK(top.op == BinOp::op_and);
    const ExprNode& cmp = e.node(top.children[0]);
    CHECK(cmp.op == BinOp::gt);
    CHECK(e.node(cmp.children[0]).op == BinOp::add);
    CHECK(e.node(cmp.children[1]).op == BinOp::mul);
    CHECK(e.render(e.root) == "(pain.rest + 1 > 2 * pain.walking and x)");
}

TEST_CASE("parser: * and / bind tighter than + and - - all left-associative", "[rules][parser]") {
    Expr e = parse_ok("1 + 2 * 3");
    CHECK(e.top().op == BinOp::add);
    CHECK(e.node(e.top().children[1]).op == BinOp::mul);

    e = parse_ok("10 - 4 - 3");  // (10 - 4) - 3
    CHECK(e.top().op == BinOp::sub);
    CHECK(e.node(e.top().children[0]).op == BinOp::sub);
    CHECK(e.node(e.top().children[1]).number == 3);

    e = parse_ok("8 / 4 / 2");
    CHECK(e.top().op == BinOp::div);
    CHECK(e.node(e.top().children[0]).op == BinOp::div);

    e = parse_ok("(1 + 2) * 3");
    CHECK(e.top().op == BinOp::mul);
    CHECK(e.node(e.top().children[0]).op == BinOp::add);
}

TEST_CASE("parser: unary minus binds tightest", "[rules][parser]") {
    Expr e = parse_ok("-x * 2");
    CHECK(e.top().op == BinOp::mul);
    CHECK(e.node(e.top().children[0]).kind == ExprKind::op_neg);
    e = parse_ok("1 - -2");
    CHECK(e.top().op == BinOp::sub);
    CHECK(e.node(e.top().children[1]).kind == ExprKind::op_neg);
}

TEST_CASE("parser: every comparison operator - with symbol aliases", "[rules][parser]") {
    const std::pair<const char*, BinOp> ops[] = {
        {"a == 1", BinOp::eq}, {"a != 1", BinOp::ne}, {"a < 1", BinOp::lt}, {"a <= 1", BinOp::le},
        {"a > 1", BinOp::gt},  {"a >= 1", BinOp::ge}, {"a = 1", BinOp::eq}};
    for (auto [text, op] : ops) {
        INFO(text);
        CHECK(parse_ok(text).top().op == op);
    }
    CHECK(shape("a && b || !c") == "((a and b) or not c)");
}

TEST_CASE("parser: in and not in take a list", "[rules][parser]") {
    Expr e = parse_ok("condition in [adductor_related_groin_pain, pubic_related_groin_pain]");
    CHECK(e.top().op == BinOp::in);
    const ExprNode& list = e.node(e.top().children[1]);
    REQUIRE(list.kind == ExprKind::list);
    REQUIRE(list.children.size() == 2);
    CHECK(e.node(list.children[0]).text == "adductor_related_groin_pain");
    CHECK(e.node(list.children[1]).text == "pubic_related_groin_pain");

    e = parse_ok("stage not in [early]");
    CHECK(e.top().op == BinOp::not_in);
    CHECK(e.node(e.top().children[1]).children.size() == 1);

    // "not x in [..]" negates the whole membership test; "x not in" is its own operator.
    e = parse_ok("not stage in [early, mid]");
    CHECK(e.top().kind == ExprKind::op_not);
    CHECK(e.node(e.top().children[0]).op == BinOp::in);

    CHECK(shape("a in [x] and b not in [y, z]") == "(a in [x] and b not in [y, z])");
    CHECK(parse_ok("a in []").node(parse_ok("a in []").top().children[1]).children.empty());
}

TEST_CASE("parser: function calls - nested - with zero or more arguments", "[rules][parser]") {
    Expr e = parse_ok("min(pain.rest, pain.walking) >= 2");
    const ExprNode& call = e.node(e.top().children[0]);
    CHECK(call.kind == ExprKind::call);
    CHECK(call.text == "min");
    CHECK(call.children.size() == 2);

    CHECK(shape("max(abs(x - 1), 2) < 3") == "max(abs(x - 1), 2) < 3");
    CHECK(shape("known(pain.rest) and unknown(clinician_stage)") ==
          "(known(pain.rest) and unknown(clinician_stage))");
    Expr empty = parse_ok("all()");
    CHECK(empty.top().kind == ExprKind::call);
    CHECK(empty.top().children.empty());
    // Selectors use the same grammar: calls with lists inside.
    CHECK(shape("loads(hip_adduction, [concentric, eccentric]) and not position(prone)") ==
          "(loads(hip_adduction, [concentric, eccentric]) and not position(prone))");
}

TEST_CASE("parser: literals and names", "[rules][parser]") {
    Expr e = parse_ok("0.75");
    CHECK(e.top().kind == ExprKind::number);
    CHECK(e.top().number == Approx(0.75));
    CHECK(parse_ok(".5").top().number == Approx(0.5));
    CHECK(parse_ok("true").top().kind == ExprKind::boolean);
    CHECK(parse_ok("true").top().number == 1);
    CHECK(parse_ok("false").top().number == 0);
    CHECK(parse_ok("pain.resisted.hip_adduction").top().text == "pain.resisted.hip_adduction");
    CHECK(parse_ok("R-HOLMICH1999").top().text == "R-HOLMICH1999");  // reference-like ids keep their '-'
    // A '-' is only part of a name inside it; "a-1" is still a name, "a - 1" a subtraction.
    CHECK(parse_ok("a - 1").top().op == BinOp::sub);
    CHECK(parse_ok("  pain.rest  ").top().column == 3);
}

TEST_CASE("parser: nodes carry the column they start at", "[rules][parser]") {
    Expr e = parse_ok("pain.rest >= 3 and condition in [x]");
    CHECK(e.top().column == 16);  // 'and'
    const ExprNode& cmp = e.node(e.top().children[0]);
    CHECK(cmp.column == 11);  // '>='
    CHECK(e.node(cmp.children[0]).column == 1);
    CHECK(e.node(cmp.children[1]).column == 14);
    const ExprNode& in = e.node(e.top().children[1]);
    CHECK(e.node(in.children[0]).column == 20);
    CHECK(e.node(in.children[1]).column == 33);
}

TEST_CASE("parser: syntax errors are RL001 with the column of the offending token", "[rules][parser]") {
    struct Case {
        const char* text;
        int column;
        const char* says;
    };
    const Case cases[] = {
        {"", 1, "the end of the expression"},
        {"pain.rest >= ", 14, "the end of the expression"},
        {"pain.rest >= 3 and", 19, "the end of the expression"},
        {"a and and b", 7, "keyword 'and'"},
        {"a b", 3, "unexpected 'b'"},
        {"(a and b", 9, "expected ')'"},
        {"min(a, b", 9, "expected ')'"},
        {"x in [a, b", 11, "expected ']'"},
        {"x in [a,]", 9, "expected a value"},
        {"x not y", 7, "expected 'in' after 'not'"},
        {"pain.rest >= 3 $ 4", 16, "'$'"},
        {"pain.rest > ) ", 13, "')'"},
        {"a == == b", 6, "expected a value"},
        {"or a", 1, "keyword 'or'"},
        {"f(a b)", 5, "expected ')'"},
        {"pain.rest >= 3 and (pain.walking < 2 or )", 41, "expected a value"},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        auto err = parse_error(c.text);
        CHECK(err.column == c.column);
        CHECK(err.message.find(c.says) != std::string::npos);
    }
}

TEST_CASE("parser: a failed parse leaves no half-built diagnostics behind", "[rules][parser]") {
    Expr e;
    Diagnostics d;
    CHECK_FALSE(parse_expr("(((", e, d, {"f.json", "/p"}));
    CHECK_FALSE(parse_expr("a ]", e, d, {"f.json", "/p"}));
    CHECK(d.items().size() == 2);
    CHECK(d.items()[0].code == "RL001");
    CHECK(d.items()[1].location.column == 3);
    // The same Expr can be reused for a good expression afterwards.
    CHECK(parse_expr("a", e, d, {"f.json", "/p"}));
    CHECK(e.top().text == "a");
}

TEST_CASE("parser: the canonical text keeps the parentheses the tree needs, and parses back to itself",
          "[rules][parser]") {
    CHECK(shape("(a + b) * c") == "(a + b) * c");
    CHECK(shape("a * (b + c)") == "a * (b + c)");
    CHECK(shape("a - (b - c)") == "a - (b - c)");
    CHECK(shape("(a - b) - c") == "a - b - c");
    CHECK(shape("-(a + b) > 0") == "-(a + b) > 0");
    CHECK(shape("(not a) == b") == "(not a) == b");
    CHECK(shape("not (a == b)") == "not a == b");
    CHECK(shape("(a < b) == c") == "(a < b) == c");
    CHECK(shape("a - -1 > 0") == "a - -1 > 0");
    for (const std::string text : {"(a + b) * c", "-(a + b) > 0", "(not a) == b", "(a < b) == c",
                                   "a - (b - c) * (d / (e - f))", "not (a or b) and (c == (d == e))"}) {
        const std::string once = shape(text);
        CHECK(shape(once) == once);
    }
}
