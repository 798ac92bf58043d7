// The selector and condition function tables: every entry is documented, hinted and evaluates;
// unknown names get a nearest-name hint; argument errors are located at the argument's column.
#include <catch2/catch.hpp>

#include "../rules/rules_fixture.hpp"
#include "core/lang/compiler.hpp"
#include "core/lang/functions/condition_functions.hpp"
#include "core/lang/functions/selector_functions.hpp"

using namespace rehab;
using namespace rehab::test;

namespace {

const RuleSet& bundled_rules() { return bundled_recommender()->rules(); }

// Compiles a selector against the bundled rules; the diagnostics are returned in `d`.
bool compile_selector(const std::string& text, Diagnostics& d) {
    const RuleSet& rs = bundled_rules();
    return Selector::compile(text, rs.knowledge(), rs.schema(), d, {"t.json", "/select"}).has_value();
}

bool compile_condition(const std::string& text, Diagnostics& d) {
    const RuleSet& rs = bundled_rules();
    Expr e;
    if (!parse_expr(text, e, d, {"t.json", "/when"})) return false;
    ExprContext ctx{rs.schema(), d, {"t.json", "/when"}};
    return compile_expr(e, {FactType::boolean, 0}, ctx).has_value();
}

const Diagnostic& only(const Diagnostics& d) {
    REQUIRE(d.items().size() == 1);
    return d.items()[0];
}

// A valid call of the function: the first candidate of each required argument kind.
std::string example_call(const SelectorFunction& f) {
    std::string s = std::string(f.name) + "(";
    for (std::size_t i = 0; i < f.min_args; ++i)
        s += (i ? ", " : "") + kind_candidates(bundled_rules().knowledge(), f.args[i]).front();
    return s + ")";
}

}  // namespace

TEST_CASE("every selector function is documented, named and evaluates", "[lang][selector][table]") {
    const auto& names = selector_function_names();
    REQUIRE(names.size() == selector_functions().size());
    for (const auto& f : selector_functions()) {
        INFO(f.name);
        CHECK(!f.summary.empty());
        CHECK(f.eval != nullptr);
        CHECK(std::find(names.begin(), names.end(), std::string(f.name)) != names.end());
        CHECK(selector_signature(f).rfind(std::string(f.name) + "(", 0) == 0);
        CHECK(f.min_args <= std::max<std::size_t>(f.args.size(), f.variadic ? 1 : 0));
        Diagnostics d;
        INFO(example_call(f));
        CHECK(compile_selector(example_call(f), d));
        CHECK(d.empty());
    }
    CHECK(selector_signature(*find_selector_function("works")) == "works(muscle, ...)");
    CHECK(selector_signature(*find_selector_function("loads")) == "loads(movement, [contraction])");
    CHECK(selector_signature(*find_selector_function("all")) == "all()");
}

TEST_CASE("every selector function is the hint for a misspelling of it", "[lang][selector][table]") {
    for (const auto& f : selector_functions()) {
        const std::string typo = std::string(f.name) + std::string(1, f.name.back());
        INFO(typo);
        Diagnostics d;
        CHECK_FALSE(compile_selector(typo + "()", d));
        const Diagnostic& x = only(d);
        CHECK(x.code == "RL006");
        CHECK(x.hint == "did you mean '" + std::string(f.name) + "'?");
    }
}

TEST_CASE("an unknown selector gets the nearest name, at its column", "[lang][selector][table]") {
    Diagnostics d;
    CHECK_FALSE(compile_selector("position(prone) and stanse(both_legs)", d));
    const Diagnostic& x = only(d);
    CHECK(x.code == "RL006");
    CHECK(x.message == "unknown selector 'stanse'");
    CHECK(x.hint == "did you mean 'stance'?");
    CHECK(x.location == Location{"t.json", "/select", 0, 21});
}

TEST_CASE("selector argument errors are located at the argument's column", "[lang][selector][table]") {
    SECTION("a name of the wrong kind") {
        Diagnostics d;
        CHECK_FALSE(compile_selector("works(adductor_longus, prone)", d));
        CHECK(only(d).code == "RL010");
        CHECK(only(d).message == "'prone' is not a muscle id");
        CHECK(only(d).location.column == 24);
    }
    SECTION("a call where a name is expected") {
        Diagnostics d;
        CHECK_FALSE(compile_selector("position(works(adductor_longus))", d));
        CHECK(only(d).code == "RL007");
        CHECK(only(d).location.column == 10);
    }
    SECTION("one argument too many") {
        Diagnostics d;
        CHECK_FALSE(compile_selector("needs_partner or after(copenhagen_adduction_short_lever, prone)", d));
        CHECK(only(d).message == "after() takes no more arguments here");
        CHECK(only(d).location.column == 58);
    }
}

TEST_CASE("every condition function is documented and in the hint", "[lang][condition][table]") {
    CHECK(condition_functions_hint() == "conditions may call known(), unknown(), min(), max() and abs()");
    for (const auto& f : condition_functions()) {
        INFO(f.name);
        CHECK(!f.summary.empty());
        CHECK(condition_functions_hint().find(std::string(f.name) + "()") != std::string::npos);
        CHECK(find_condition_function(f.name) == &f);
    }
    Diagnostics d;
    CHECK(compile_condition("known(pain.rest) and not unknown(age) and min(age, 3) < max(abs(-2), 1)", d));
    CHECK(d.empty());
}

TEST_CASE("condition function errors: unknown name, arity, argument kind at its column",
          "[lang][condition][table]") {
    SECTION("unknown function: the table's names as the hint") {
        Diagnostics d;
        CHECK_FALSE(compile_condition("maxx(pain.rest, 1) > 2", d));
        CHECK(only(d).code == "RL006");
        CHECK(only(d).hint == condition_functions_hint());
    }
    SECTION("arity") {
        Diagnostics d;
        CHECK_FALSE(compile_condition("age > 1 and abs(age, 1) > 1", d));
        CHECK(only(d).message == "abs() takes 1 argument(s), found 2");
        CHECK(only(d).location.column == 13);
    }
    SECTION("a fact name expected") {
        Diagnostics d;
        CHECK_FALSE(compile_condition("known(1)", d));
        CHECK(only(d).code == "RL002");
        CHECK(only(d).location.column == 7);
    }
    SECTION("a number expected") {
        Diagnostics d;
        CHECK_FALSE(compile_condition("min(age, therapist_present) > 1", d));
        CHECK(only(d).code == "RL003");
        CHECK(only(d).message == "min() needs numbers, found boolean");
        CHECK(only(d).location.column == 10);
    }
}
