// Specification of `rules check`: every diagnostic code of docs/rules-language.md, each triggered
// by a small inline rule document compiled against the bundled knowledge, with its file, JSON
// pointer, column (expressions) and "did you mean" hint; all errors at once; errors mean no rule set.
#include "../support/temp_dir.hpp"
#include "rules_fixture.hpp"

using namespace rehab;
using namespace rehab::test;

namespace {

const std::string file = "inline.json";

Diagnostics check(const std::string& text) {
    Diagnostics d;
    auto rs = compile_text(text, d, file);
    if (d.has_errors()) CHECK_FALSE(rs);  // errors: never a rule set to run
    return d;
}

std::string dump(const Diagnostics& d) {
    std::string s;
    for (const auto& x : d.items())
        s += x.code + " " + x.location.pointer + " col " + std::to_string(x.location.column) + ": " +
             x.message + " | " + x.hint + "\n";
    return s;
}

// Expects a diagnostic `code` at `pointer`; column checked when > 0, hint when not empty.
const Diagnostic& expect(const Diagnostics& d, const std::string& code, const std::string& pointer,
                         int column = 0, const std::string& hint = "") {
    INFO(dump(d));
    const Diagnostic* found = nullptr;
    for (const auto& x : d.items())
        if (x.code == code && x.location.pointer == pointer) found = found ? found : &x;
    REQUIRE(found);
    CHECK(found->location.file == file);
    if (column > 0) CHECK(found->location.column == column);
    if (!hint.empty()) CHECK(found->hint == hint);
    CHECK_FALSE(found->message.empty());
    return *found;
}

// A single rule document whose only problem is in `when`.
std::string when_doc(const std::string& when) { return doc({rule("r.test", when, R"J([{"warn": "w"}])J")}); }
// A single rule document whose only problem is in its action(s).
std::string then_doc(const std::string& then, const std::vector<std::string>& facts = {}) {
    return doc({rule("r.test", "true", then)}, facts);
}

}  // namespace

TEST_CASE("checks: the bundled rules compile without errors or warnings", "[rules][checks]") {
    Diagnostics d;
    auto rs = io::load_clinical_rules(rules_dir(), bundled_kg(), d);
    INFO(dump(d));
    REQUIRE(rs);
    CHECK(d.empty());
    CHECK(rs->rules().size() > 50);
}

TEST_CASE("checks: a minimal rule document compiles", "[rules][checks]") {
    Diagnostics d = check(when_doc("pain.rest >= 3"));
    INFO(dump(d));
    CHECK(d.empty());
}

// ---------------------------------------------------------------- RF: structure

TEST_CASE("RF001: malformed JSON - with line and column", "[rules][checks]") {
    Diagnostics d = check("{\n  \"rules\": [\n    {\"id\": \"a\",, \"when\": \"true\"}\n  ]\n}");
    const auto& x = expect(d, "RF001", "");
    CHECK(x.location.line == 3);
    CHECK(x.location.column == 16);
    CHECK(d.items().size() == 1);
}

TEST_CASE("RF002: wrong type", "[rules][checks]") {
    Diagnostics d = check(R"J({"rules": [{"id": "a", "rationale": "r", "evidence": {"grade": "practice"},
        "priority": "high", "when": "true", "then": [{"warn": "w"}]}]})J");
    expect(d, "RF002", "/rules/0/priority");
    // An action is an object with exactly one key.
    expect(check(then_doc(R"J(["exclude"])J")), "RF002", "/rules/0/then/0");
    expect(check(then_doc(R"J([{"exclude": "all", "warn": "w"}])J")), "RF002", "/rules/0/then/0");
    // derive and limit have no string shorthand.
    expect(check(then_doc(R"J([{"derive": "stage"}])J")), "RF002", "/rules/0/then/0/derive");
    expect(check(R"J({"rules": {"id": "a"}})J"), "RF002", "/rules");
}

TEST_CASE("RF003: missing field", "[rules][checks]") {
    Diagnostics d =
        check(R"J({"rules": [{"id": "a", "evidence": {"grade": "practice"}, "then": [{"warn": "w"}]}]})J");
    expect(d, "RF003", "/rules/0/rationale");
    expect(d, "RF003", "/rules/0/when");
    expect(
        check(R"J({"rules": [{"id": "a", "rationale": "r", "evidence": {}, "when": "true", "then": []}]})J"),
        "RF003", "/rules/0/evidence/grade");
    expect(check(then_doc(R"J([{"derive": {"value": "1"}}])J")), "RF003", "/rules/0/then/0/derive/fact");
}

TEST_CASE("RF004: unknown field or action - with the nearest name", "[rules][checks]") {
    Diagnostics d = check(R"J({"rules": [{"id": "a", "rationale": "r", "evidence": {"grade": "practice"},
        "wen": "true", "when": "true", "then": [{"warn": "w"}]}]})J");
    expect(d, "RF004", "/rules/0/wen", 0, "did you mean 'when'?");
    expect(check(then_doc(R"J([{"exclud": "all"}])J")), "RF004", "/rules/0/then/0/exclud", 0,
           "did you mean 'exclude'?");
    expect(check(then_doc(R"J([{"dose": {"sets": 2, "repz": 10}}])J")), "RF004", "/rules/0/then/0/dose/repz",
           0, "did you mean 'reps'?");
    expect(check(R"J({"rulez": []})J"), "RF004", "/rulez", 0, "did you mean 'rules'?");
}

TEST_CASE("RF007: value out of range or not one of the allowed values", "[rules][checks]") {
    expect(check(then_doc(R"J([{"dose": {"sets": 20}}])J")), "RF007", "/rules/0/then/0/dose/sets");
    expect(check(then_doc(R"J([{"dose": {"level": "high"}}])J")), "RF007", "/rules/0/then/0/dose/level");
    expect(check(then_doc(R"J([{"refer": {"reason": "x", "urgency": "soon"}}])J")), "RF007",
           "/rules/0/then/0/refer/urgency");
    expect(check(doc({rule("a", "true", R"J([{"warn": "w"}])J")}, {R"J({"name": "f", "type": "text"})J"})),
           "RF007", "/facts/0/type");
}

TEST_CASE("RF014: the rules folder or a file cannot be read", "[rules][checks]") {
    Diagnostics d;
    io::read_rules_dir("/nonexistent/rules", d);
    REQUIRE(find_diag(d, "RF014"));
    CHECK(find_diag(d, "RF014")->location.file == "/nonexistent/rules");

    TempDir empty("rules-empty");
    Diagnostics e;
    io::read_rules_dir(empty.str(), e);
    REQUIRE(find_diag(e, "RF014"));
    CHECK(find_diag(e, "RF014")->message.find("no rule files") != std::string::npos);

    // A broken folder: load_recommender refuses it, with the error located in its file.
    TempDir broken("rules-broken");
    broken.write("a.json", when_doc("true"));
    broken.write("b.json", "{ not json");
    Diagnostics f;
    CHECK_FALSE(io::load_recommender(knowledge_dir(), broken.str(), f));
    REQUIRE(find_diag(f, "RF001"));
    CHECK(find_diag(f, "RF001")->location.file.find("b.json") != std::string::npos);
}

// ---------------------------------------------------------------- RL: the language

TEST_CASE("RL001: syntax error - with the column in the expression", "[rules][checks]") {
    expect(check(when_doc("pain.rest >= ")), "RL001", "/rules/0/when", 14);
    expect(check(when_doc("(pain.rest >= 3 or pain.walking > 2")), "RL001", "/rules/0/when", 36);
    expect(check(then_doc(R"J([{"exclude": "works(adductor_longus"}])J")), "RL001", "/rules/0/then/0/exclude",
           22);
    expect(check(then_doc(R"J([{"derive": {"fact": "f", "value": "pain.rest *"}}])J",
                          {R"J({"name": "f", "type": "number"})J"})),
           "RL001", "/rules/0/then/0/derive/value", 12);
}

TEST_CASE("RL002: unknown fact - with the nearest name", "[rules][checks]") {
    expect(check(when_doc("pain.rset >= 3")), "RL002", "/rules/0/when", 1, "did you mean 'pain.rest'?");
    expect(check(when_doc("pain.rest >= 3 and red_flag.fevr")), "RL002", "/rules/0/when", 20,
           "did you mean 'red_flag.fever'?");
    expect(check(when_doc("known(pain.walkin)")), "RL002", "/rules/0/when", 7,
           "did you mean 'pain.walking'?");
    expect(check(when_doc("pain.resisted.hip_adductio > 3")), "RL002", "/rules/0/when", 1,
           "did you mean 'pain.resisted.hip_adduction'?");
    // '-' may be part of a name (reference ids), so a subtraction needs spaces; the hint says so.
    expect(check(when_doc("pain.walking-1 > 2")), "RL002", "/rules/0/when", 1,
           "did you mean 'pain.walking'?");
}

TEST_CASE("RL003: type error", "[rules][checks]") {
    expect(check(when_doc("condition > 3")), "RL003", "/rules/0/when", 11);  // enumeration vs number
    expect(check(when_doc("pain.rest")), "RL003", "/rules/0/when", 1);       // a number is not a condition
    expect(check(when_doc("pain.rest >= 1 and 2")), "RL003", "/rules/0/when", 20);  // 'and' needs booleans
    expect(check(when_doc("pain.rest in [low]")), "RL003", "/rules/0/when", 11);  // 'in' needs an enumeration
    expect(check(when_doc("condition == clinician_stage")), "RL003", "/rules/0/when", 11);  // two domains
    expect(check(when_doc("therapist_present < true")), "RL003", "/rules/0/when", 19);  // ordered booleans
    expect(check(when_doc("not pain.rest")), "RL003", "/rules/0/when", 1);
    expect(check(then_doc(R"J([{"exclude": "works(adductor_longus) > 1"}])J")), "RL003",
           "/rules/0/then/0/exclude", 24);
    expect(check(then_doc(R"J([{"derive": {"fact": "f", "value": "true"}}])J",
                          {R"J({"name": "f", "type": "number"})J"})),
           "RL003", "/rules/0/then/0/derive/value");
}

TEST_CASE("RL004: unknown enumeration value - with the nearest value", "[rules][checks]") {
    expect(check(when_doc("condition == adductor_related_groin_pian")), "RL004", "/rules/0/when", 14,
           "did you mean 'adductor_related_groin_pain'?");
    expect(check(when_doc("weight_bearing in [ful, partial]")), "RL004", "/rules/0/when", 20,
           "did you mean 'full'?");
    expect(check(when_doc("clinician_stage != middle")), "RL004", "/rules/0/when", 20, "did you mean 'mid'?");
    // A literal on the left takes its domain from the right.
    expect(check(when_doc("erly == clinician_stage")), "RL004", "/rules/0/when", 1, "did you mean 'early'?");
}

TEST_CASE("RL005: a condition that can never be true", "[rules][checks]") {
    expect(check(when_doc("pain.rest > 5 and pain.rest < 2")), "RL005", "/rules/0/when");
    expect(check(when_doc("pain.rest > 10")), "RL005", "/rules/0/when");  // outside the fact's range
    expect(check(when_doc("condition == hamstring_strain and condition == patellofemoral_pain")), "RL005",
           "/rules/0/when");
    expect(check(when_doc("therapist_present and not therapist_present")), "RL005", "/rules/0/when");
    // Satisfiable neighbours are fine.
    CHECK_FALSE(find_diag(check(when_doc("pain.rest >= 5 and pain.rest <= 5")), "RL005"));
    CHECK_FALSE(find_diag(check(when_doc("pain.rest > 5 or pain.rest < 2")), "RL005"));
}

TEST_CASE("RL006: unknown function or selector", "[rules][checks]") {
    expect(check(when_doc("maxx(pain.rest, 1) > 2")), "RL006", "/rules/0/when", 1);
    expect(check(then_doc(R"J([{"exclude": "work(adductor_longus)"}])J")), "RL006", "/rules/0/then/0/exclude",
           1, "did you mean 'works'?");
    expect(check(then_doc(R"J([{"prefer": {"select": "position(prone) or needs_therapst", "weight": 1}}])J")),
           "RL006", "/rules/0/then/0/prefer/select", 20, "did you mean 'needs_therapist'?");
}

TEST_CASE("RL007: wrong arguments", "[rules][checks]") {
    expect(check(when_doc("min(pain.rest) > 1")), "RL007", "/rules/0/when", 1);
    expect(check(when_doc("abs(pain.rest, 1) > 1")), "RL007", "/rules/0/when", 1);
    expect(check(then_doc(R"J([{"exclude": "loads()"}])J")), "RL007", "/rules/0/then/0/exclude", 1);
    expect(check(then_doc(R"J([{"exclude": "after(bridge, dead_bug)"}])J")), "RL007",
           "/rules/0/then/0/exclude", 15);
    expect(check(then_doc(R"J([{"exclude": "works(1)"}])J")), "RL007", "/rules/0/then/0/exclude", 7);
    expect(check(then_doc(R"J([{"exclude": "in_stage(condition)"}])J")), "RL007", "/rules/0/then/0/exclude",
           10);
}

TEST_CASE("RL008: cycle among derived facts", "[rules][checks]") {
    const std::vector<std::string> facts = {R"J({"name": "fa", "type": "number"})J",
                                            R"J({"name": "fb", "type": "number"})J"};
    Diagnostics d = check(doc({rule("c.one", "fb > 1", R"J([{"derive": {"fact": "fa", "value": "1"}}])J"),
                               rule("c.two", "fa > 1", R"J([{"derive": {"fact": "fb", "value": "2"}}])J")},
                              facts));
    INFO(dump(d));
    const Diagnostic* x = find_diag(d, "RL008");
    REQUIRE(x);
    CHECK(x->location.file == file);
    CHECK((x->location.pointer == "/rules/0" || x->location.pointer == "/rules/1"));
    CHECK(x->message.find("fa") != std::string::npos);
    CHECK(x->message.find("fb") != std::string::npos);
    CHECK(x->message.find("c.one") != std::string::npos);
    // A value expression counts as a read too; a fact derived from itself is a cycle.
    expect(check(doc({rule("c.self", "true", R"J([{"derive": {"fact": "fa", "value": "fa + 1"}}])J"),
                      rule("c.fb", "true", R"J([{"derive": {"fact": "fb", "value": "1"}}])J")},
                     facts)),
           "RL008", "/rules/0");
}

TEST_CASE("RL009: contradicting actions at the same priority", "[rules][checks]") {
    auto pair = [](const std::string& w1, const std::string& a1, const std::string& w2, const std::string& a2,
                   int p2) {
        return doc({rule("x.first", w1, a1, 10), rule("x.second", w2, a2, p2)},
                   {R"J({"name": "f", "type": "number"})J"});
    };
    const std::string excl = R"J([{"exclude": "exercise(bridge)"}])J";
    const std::string req = R"J([{"require": "works_primary(gluteus_maximus)"}])J";
    expect(check(pair("true", excl, "pain.rest > 2", req, 10)), "RL009", "/rules/1");
    expect(check(pair("true", R"J([{"prefer": {"select": "exercise(bridge)"}}])J", "true",
                      R"J([{"avoid": {"select": "loads(hip_extension)"}}])J", 10)),
           "RL009", "/rules/1");
    expect(check(pair("true", R"J([{"derive": {"fact": "f", "value": "1"}}])J", "pain.rest >= 2",
                      R"J([{"derive": {"fact": "f", "value": "2"}}])J", 10)),
           "RL009", "/rules/1");
    // No contradiction: different priorities, exclusive conditions, or sets that do not overlap.
    CHECK_FALSE(find_diag(check(pair("true", excl, "true", req, 11)), "RL009"));
    CHECK_FALSE(find_diag(check(pair("pain.rest > 5", excl, "pain.rest < 3", req, 10)), "RL009"));
    CHECK_FALSE(find_diag(
        check(pair("condition == hamstring_strain", excl, "condition == gluteal_tendinopathy", req, 10)),
        "RL009"));
    CHECK_FALSE(find_diag(check(pair("true", excl, "true", R"J([{"require": "exercise(dead_bug)"}])J", 10)),
                          "RL009"));
}

TEST_CASE("RL010: unknown knowledge id in a selector or refer - with the nearest id", "[rules][checks]") {
    expect(check(then_doc(R"J([{"exclude": "works(adductor_longuss)"}])J")), "RL010",
           "/rules/0/then/0/exclude", 7, "did you mean 'adductor_longus'?");
    expect(check(then_doc(R"J([{"require": "exercise(dead_bug, brige)"}])J")), "RL010",
           "/rules/0/then/0/require", 20, "did you mean 'bridge'?");
    expect(check(then_doc(R"J([{"exclude": "loads(hip_adduction, [eccentrc])"}])J")), "RL010",
           "/rules/0/then/0/exclude", 23, "did you mean 'eccentric'?");
    expect(check(then_doc(R"J([{"exclude": "contraindicated(hamstring_strian, mid)"}])J")), "RL010",
           "/rules/0/then/0/exclude", 17, "did you mean 'hamstring_strain'?");
    expect(check(then_doc(R"J([{"refer": {"red_flag": "fevr"}}])J")), "RL010",
           "/rules/0/then/0/refer/red_flag", 0, "did you mean 'fever'?");
}

TEST_CASE("RL011: bad or duplicate rule id", "[rules][checks]") {
    expect(check(doc({rule("1bad", "true", R"J([{"warn": "w"}])J")})), "RL011", "/rules/0/id");
    expect(check(doc({rule("has space", "true", R"J([{"warn": "w"}])J")})), "RL011", "/rules/0/id");
    const Diagnostics d = check(
        doc({rule("same.id", "true", R"J([{"warn": "w"}])J"), rule("other", "true", R"J([{"warn": "w"}])J"),
             rule("same.id", "pain.rest > 1", R"J([{"warn": "w"}])J")}));
    const auto& dup = expect(d, "RL011", "/rules/2/id");
    CHECK(dup.hint.find("/rules/0") != std::string::npos);  // where the first one is
}

TEST_CASE("RL012: bad action", "[rules][checks]") {
    const std::vector<std::string> facts = {R"J({"name": "key_pain", "type": "number"})J"};
    const std::string derive_it =
        rule("r.derive", "true", R"J([{"derive": {"fact": "key_pain", "value": "1"}}])J");
    auto with = [&](const std::string& then) {
        return doc({derive_it, rule("r.test", "true", then)}, facts);
    };
    expect(check(with(R"J([{"derive": {"fact": "pain.rest", "value": "1"}}])J")), "RL012",
           "/rules/1/then/0/derive/fact");  // a profile fact
    expect(check(with(R"J([{"derive": {"fact": "key_pian", "value": "1"}}])J")), "RL012",
           "/rules/1/then/0/derive/fact", 0, "did you mean 'key_pain'?");
    expect(check(with(R"J([{"limit": {"min": 3, "max": 1}}])J")), "RL012", "/rules/1/then/0/limit");
    expect(check(with(R"J([{"limit": {"component": "strenght", "max": 1}}])J")), "RL012",
           "/rules/1/then/0/limit/component");
    expect(check(with(R"J([{"refer": {}}])J")), "RL012", "/rules/1/then/0/refer");
    expect(check(with(R"J([])J")), "RL012", "/rules/1/then");
    expect(check(with(R"J([{"prefer": {"select": "all", "weight": 0}}])J")), "RL012",
           "/rules/1/then/0/prefer/weight");
    expect(check(with(R"J([{"exclude": {"select": ""}}])J")), "RL012",
           "/rules/1/then/0/exclude");  // missing selector
    expect(check(with(R"J([{"warn": ""}])J")), "RL012", "/rules/1/then/0/warn/text");
}

TEST_CASE("RL013: unknown reference or evidence grade", "[rules][checks]") {
    Diagnostics d =
        check(R"J({"rules": [{"id": "a", "rationale": "r", "when": "true", "then": [{"warn": "w"}],
        "evidence": {"references": ["R-HOLMICH1999", "R-HOLMICH199"], "grade": "trail"}}]})J");
    expect(d, "RL013", "/rules/0/evidence/references/1", 0, "did you mean 'R-HOLMICH1999'?");
    expect(d, "RL013", "/rules/0/evidence/grade");
    CHECK_FALSE(
        find_diag(check(R"J({"rules": [{"id": "a", "rationale": "r", "when": "true", "then": [{"warn": "w"}],
        "evidence": {"references": ["R-HOLMICH1999"], "grade": "trial"}}]})J"),
                  "RL013"));
}

TEST_CASE("RL016: a declared derived fact that no rule derives is a warning", "[rules][checks]") {
    Diagnostics d;
    auto rs = compile_text(
        doc({rule("a", "true", R"J([{"warn": "w"}])J")}, {R"J({"name": "unused", "type": "boolean"})J"}), d,
        file);
    CHECK(rs);  // a warning does not stop the rule set
    const auto& x = expect(d, "RL016", "/facts/0");
    CHECK(x.severity == Severity::warning);
    CHECK_FALSE(d.has_errors());
}

TEST_CASE("RL017: bad derived fact declaration", "[rules][checks]") {
    auto one = [](const std::string& fact) {
        return doc({rule("a", "true", R"J([{"warn": "w"}])J")}, {fact});
    };
    expect(check(one(R"J({"name": "pain.rest", "type": "number"})J")), "RL017",
           "/facts/0/name");  // a profile fact
    expect(check(one(R"J({"name": "level", "type": "enumeration", "values": []})J")), "RL017",
           "/facts/0/values");
    // A new enumeration may not reuse a domain name with other values.
    expect(check(one(R"J({"name": "stage", "type": "enumeration", "values": ["acute", "chronic"]})J")),
           "RL017", "/facts/0/values");
}

// ---------------------------------------------------------------- reporting

TEST_CASE("checks: every error of a broken document is reported at once", "[rules][checks]") {
    Diagnostics d = check(
        doc({rule("ok.first", "pain.rest >= 3", R"J([{"warn": "w"}])J"),
             rule("bad.fact", "pain.rset >= 3", R"J([{"warn": "w"}])J"),
             rule("bad.value", "condition == hamstring", R"J([{"warn": "w"}])J"),
             rule("bad.selector", "true",
                  R"J([{"exclude": "works(adductor_longuss)"}, {"require": "wroks(gluteus_maximus)"}])J"),
             rule("bad.syntax", "pain.rest >=", R"J([{"limit": {"min": 5, "max": 1}}])J"),
             rule("ok.first", "true", R"J([{"warn": "w"}])J")},
            {R"J({"name": "pain.walking", "type": "number"})J"}));
    INFO(dump(d));
    expect(d, "RL017", "/facts/0/name");
    expect(d, "RL002", "/rules/1/when");
    expect(d, "RL004", "/rules/2/when");
    expect(d, "RL010", "/rules/3/then/0/exclude");
    expect(d, "RL006", "/rules/3/then/1/require");
    expect(d, "RL001", "/rules/4/when");
    expect(d, "RL012", "/rules/4/then/0/limit");
    expect(d, "RL011", "/rules/5/id");
    CHECK(d.error_count() == 8);
}

TEST_CASE("checks: structure and language errors together - across files", "[rules][checks]") {
    TempDir dir("rules-broken-many");
    dir.write("a.json", doc({rule("a.one", "pain.rset > 1", R"J([{"warn": "w"}])J")}));
    dir.write("b.json", R"J({"rules": [{"id": "b.one", "rationale": "r", "evidence": {"grade": "practice"},
        "when": "true", "then": [{"exclud": "all"}], "colour": "red"}]})J");
    Diagnostics d;
    RuleSetData data = io::read_rules_dir(dir.str(), d);
    auto kg = bundled_kg();
    auto rs = RuleSet::compile(data, kg, make_clinical_schema(*kg), d);
    INFO(dump(d));
    CHECK_FALSE(rs);
    REQUIRE(find_diag(d, "RL002"));
    CHECK(find_diag(d, "RL002")->location.file == dir.file("a.json"));
    REQUIRE(find_diag(d, "RF004"));
    CHECK(find_diag(d, "RF004")->location.file == dir.file("b.json"));
    // exclud, colour, pain.rset, and the rule left without actions once its only action was dropped.
    CHECK(find_diag(d, "RL012"));
    CHECK(d.error_count() == 4);
}

TEST_CASE("checks: a rule set with errors is never returned - so never run", "[rules][checks]") {
    RuleSetData data;
    Diagnostics d;
    io::read_rules_text(when_doc("pain.rest > 11"), file, data, d);
    REQUIRE_FALSE(d.has_errors());  // the structure is fine
    auto kg = bundled_kg();
    CHECK_FALSE(RuleSet::compile(data, kg, make_clinical_schema(*kg), d));
    CHECK(find_diag(d, "RL005"));

    TempDir dir("rules-never-run");
    dir.write("a.json", when_doc("pain.rest > 11"));
    Diagnostics e;
    CHECK_FALSE(io::load_recommender(knowledge_dir(), dir.str(), e));
    CHECK(find_diag(e, "RL005"));
}

// ---------------------------------------------------------------- RC: what the recommender needs

TEST_CASE("RC001: rules without the derived fact stage cannot make a recommender", "[rules][checks]") {
    const std::string facts =
        R"({"name": "irritability", "type": "enumeration", "values": ["low", "moderate", "high"]})";
    auto rs = compile_ok(
        doc({rule("base.irritability", "true", R"([{"derive": {"fact": "irritability", "value": "low"}}])")},
            {facts}));
    Diagnostics d;
    CHECK_FALSE(Recommender::create(rs, d));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].code == "RC001");
    CHECK(d.items()[0].message.find("'stage'") != std::string::npos);
}

TEST_CASE("checks: a misspelt fact gives one error - not a second for the value compared with it",
          "[rules][checks]") {
    Diagnostics d = check(when_doc("weight_bearng == full"));
    INFO(dump(d));
    REQUIRE(d.items().size() == 1);
    expect(d, "RL002", "/rules/0/when", 1, "did you mean 'weight_bearing'?");
}

TEST_CASE("checks: a misspelt fact as a selector argument gets the nearest fact name", "[rules][checks]") {
    expect(check(then_doc(R"J([{"exclude": {"select": "involves(conditon)"}}])J")), "RL010",
           "/rules/0/then/0/exclude/select", 10, "did you mean 'condition'?");
}
