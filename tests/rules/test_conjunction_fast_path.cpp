// The engine's fast path (conditions that are conjunctions of one-fact tests, flattened to intervals
// and masks) must give exactly Program::test's three-valued result, boundaries and unknowns included.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "core/lang/ast.hpp"
#include "core/lang/compiler.hpp"

using namespace rehab;

namespace {

FactSchema fast_path_schema() {
    FactSchema s;
    FactDef e;
    e.name = "injury";
    e.type = FactType::enumeration;
    e.domain = s.add_domain("injury", {"acl", "meniscus", "hamstring", "achilles"});
    e.min = 0, e.max = 3, e.indexed = true;
    s.add(e);
    for (const char* n : {"a", "b", "c"}) {
        FactDef f;
        f.name = n;
        f.min = -1e6, f.max = 1e6;
        s.add(f);
    }
    return s;
}

Program compile(const FactSchema& s, const std::string& text) {
    Diagnostics d;
    Expr e;
    REQUIRE(parse_expr(text, e, d, {"t.json", "/when"}));
    ExprContext ctx{s, d, {"t.json", "/when"}};
    auto c = compile_expr(e, {FactType::boolean, 0}, ctx);
    REQUIRE(c);
    return c->program;
}

}  // namespace

TEST_CASE("conjunction fast path agrees with the program on boundaries and unknowns", "[rules][property]") {
    const FactSchema s = fast_path_schema();
    const char* ops[] = {"==", "<", "<=", ">", ">="};
    const double ks[] = {0, 3, 0.75, 40, 2.5, 1e5};
    std::mt19937 rng(7);
    for (const char* op1 : ops)
        for (const char* op2 : ops)
            for (double k : ks) {
                const std::string text = "injury in [acl, hamstring] and a " + std::string(op1) + " " +
                                         std::to_string(k) + " and b " + op2 + " " + std::to_string(k) +
                                         " and c >= 1";
                const Program p = compile(s, text);
                std::vector<FactTest> tests;
                REQUIRE(conjunction_tests(p, tests));
                REQUIRE(tests.size() == 4);
                const double kk = std::stod(std::to_string(k));
                const double probes[] = {kk,
                                         std::nextafter(kk, 1e9),
                                         std::nextafter(kk, -1e9),
                                         kk + 1e-12,
                                         kk - 1e-12,
                                         kk + 1e-9,
                                         kk - 1e-9,
                                         kk + 0.5,
                                         kk - 0.5};
                for (int trial = 0; trial < 200; ++trial) {
                    FactValues f(s);
                    auto pick = [&] { return probes[rng() % std::size(probes)]; };
                    if (rng() % 5) f.set(0, static_cast<double>(rng() % 4));
                    if (rng() % 5) f.set(1, pick());
                    if (rng() % 5) f.set(2, pick());
                    if (rng() % 5) f.set(3, rng() % 2 ? 1.0 : 0.0);
                    INFO(text << " a=" << f.get(1).value << " b=" << f.get(2).value);
                    CHECK(test_conjunction(tests.data(), tests.data() + tests.size(), f) == p.test(f));
                }
            }
}

TEST_CASE("conditions of other shapes keep the program", "[rules]") {
    const FactSchema s = fast_path_schema();
    for (const char* text : {"a != 3", "a < 3 or b < 3", "not (a < 3)", "a + b < 3",
                             "a < 3 and (b < 3 or c < 3)", "known(a)", "true"}) {
        std::vector<FactTest> tests;
        CHECK_FALSE(conjunction_tests(compile(s, text), tests));
        CHECK(tests.empty());
    }
}
