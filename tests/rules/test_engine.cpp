// Specification of the inference engine: what each action kind does to the Evaluation and the
// Recommendation, the order rules run in (strata, then priority), three-valued logic on missing
// facts, rule indexing by condition, and what the selector functions resolve to.
#include <algorithm>

#include "io/render/words/reason_words.hpp"
#include "rules_fixture.hpp"

using namespace rehab;
using namespace rehab::test;
using Names = std::vector<std::string>;

namespace {

Evaluation evaluate(const std::shared_ptr<const RuleSet>& rs, const Profile& p, bool trace) {
    FactValues facts(rs->schema());
    profile_to_facts(p, ClinicalSlots::resolve(rs->schema(), rs->knowledge()), facts);
    Evaluation ev;
    Engine(rs).evaluate(facts, ev, trace);
    return ev;
}

std::uint32_t rule_index(const RuleSet& rs, const std::string& id) {
    auto r = rs.find_rule(id);
    if (!r) FAIL("no rule " << id);
    return *r;
}

// The trace outcome of one rule; nullopt when the rule was not tried at all.
std::optional<RuleOutcome> outcome(const RuleSet& rs, const Evaluation& ev, const std::string& id) {
    std::uint32_t r = rule_index(rs, id);
    for (const auto& o : ev.outcomes)
        if (o.rule == r) return o;
    return std::nullopt;
}

std::vector<std::string> fired_ids(const RuleSet& rs, const Evaluation& ev) {
    std::vector<std::string> v;
    for (auto r : ev.fired) v.push_back(rs.rule(r).id);
    return v;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

const ProgrammeItem* item(const Recommendation& r, const std::string& key) {
    for (const auto& i : r.items)
        if (i.exercise == ex(key)) return &i;
    return nullptr;
}

Names sorted(Names v) {
    std::sort(v.begin(), v.end());
    return v;
}

const std::string prefer_all =
    rule("test.prefer_all", "true", R"J([{"prefer": {"select": "all", "weight": 1}}])J", 1);

}  // namespace

// ---------------------------------------------------------------- actions

TEST_CASE("refer: a red flag gives a referral with the knowledge's concern - and no exercises",
          "[rules][engine]") {
    auto rec = recommender_with(
        {rule("test.fever", "red_flag.fever", R"J([{"refer": {"red_flag": "fever"}}])J", 1000), prefer_all});
    Profile p = mid_stage_profile("adductor_related_groin_pain");
    CHECK_FALSE(rec->recommend(p).referred());

    p.red_flags = {flag("fever")};
    auto r = rec->recommend(p);
    REQUIRE(r.referred());
    CHECK(r.items.empty());
    REQUIRE(r.referral.size() == 1);
    const RedFlag& fever = bundled_kg()->red_flag(flag("fever"));
    CHECK(r.referral[0].red_flag == flag("fever"));
    CHECK(r.referral[0].urgency == fever.urgency);
    CHECK(r.referral[0].reason == fever.concern);
    CHECK(rec->rules().rule(r.referral[0].rule).id == "test.fever");
}

TEST_CASE("refer: a reason and an urgency without a red flag", "[rules][engine]") {
    auto rec =
        recommender_with({rule("test.imaging", "pain.rest >= 8",
                               R"J([{"refer": {"reason": "needs imaging", "urgency": "emergency"}}])J"),
                          prefer_all});
    Profile p = mid_stage_profile("hip_related_groin_pain");
    p.pain.rest = 9;
    auto r = rec->recommend(p);
    REQUIRE(r.referral.size() == 1);
    CHECK(r.referral[0].reason == "needs imaging");
    CHECK(r.referral[0].urgency == Urgency::emergency);
    CHECK_FALSE(r.referral[0].red_flag.valid());
    CHECK(r.items.empty());
}

TEST_CASE("derive: sets a derived fact from an expression and records the rule", "[rules][engine]") {
    auto rs =
        compile_ok(doc({rule("test.double", "known(pain.rest)",
                             R"J([{"derive": {"fact": "double_rest", "value": "pain.rest * 2 + 1"}}])J")},
                       {R"J({"name": "double_rest", "type": "number", "min": 0, "max": 30})J"}));
    FactSlot slot = *rs->schema().find("double_rest");
    Profile p = mid_stage_profile("hamstring_strain");
    p.pain.rest = 3;
    auto ev = evaluate(rs, p, false);
    REQUIRE(ev.facts.get(slot).known);
    CHECK(ev.facts.get(slot).value == Approx(7));
    CHECK(ev.derived_by[slot] == rule_index(*rs, "test.double"));

    p.pain.rest.reset();
    ev = evaluate(rs, p, false);
    CHECK_FALSE(ev.facts.get(slot).known);
    CHECK(ev.derived_by[slot] == -1);
}

TEST_CASE("an excluded exercise is never in the programme - listed with the rule that excluded it",
          "[rules][engine]") {
    auto rec = recommender_with(
        {prefer_all, rule("test.no_bridge", "true", R"J([{"exclude": "exercise(bridge)"}])J", 100),
         rule("test.want_bridge", "true", R"J([{"require": "exercise(bridge)"}])J", 50)});
    auto r = rec->recommend(mid_stage_profile("hamstring_strain"));
    CHECK(r.evaluation.excluded.contains(ex("bridge")));
    CHECK(r.evaluation.required.contains(ex("bridge")));  // required, but exclusion is hard
    CHECK_FALSE(item(r, "bridge"));
    auto it = std::find_if(r.excluded.begin(), r.excluded.end(),
                           [](const ExcludedItem& x) { return x.exercise == ex("bridge"); });
    REQUIRE(it != r.excluded.end());
    REQUIRE(it->rules.size() == 1);
    CHECK(rec->rules().rule(it->rules[0]).id == "test.no_bridge");
}

TEST_CASE("require: included when eligible - even with no preference at all", "[rules][engine]") {
    auto rec =
        recommender_with({rule("test.require", "true", R"J([{"require": "exercise(bridge, dead_bug)"}])J")});
    auto r = rec->recommend(mid_stage_profile("hamstring_strain"));
    CHECK(sorted(item_keys(r)) == Names{"bridge", "dead_bug"});
    CHECK(item_keys(r) == Names{"dead_bug", "bridge"});  // motor control before strength
    REQUIRE(item(r, "bridge"));
    REQUIRE_FALSE(item(r, "bridge")->selected_by.empty());
    CHECK(item(r, "bridge")->selected_by[0].kind == ActionKind::require);
}

TEST_CASE("prefer and avoid: scores that rank the candidates", "[rules][engine]") {
    auto rec = recommender_with(
        {prefer_all,
         rule("test.prefer", "true", R"J([{"prefer": {"select": "exercise(side_plank)", "weight": 3}}])J", 2),
         rule("test.avoid", "true", R"J([{"avoid": {"select": "exercise(bridge)", "weight": 2}}])J", 2),
         rule("test.limit", "true", R"J([{"limit": {"max": 3}}])J")});
    auto r = rec->recommend(mid_stage_profile("hamstring_strain"));
    CHECK(r.evaluation.score[ex("side_plank").value] == Approx(4));
    CHECK(r.evaluation.score[ex("bridge").value] == Approx(-1));
    CHECK(r.evaluation.score[ex("dead_bug").value] == Approx(1));
    CHECK(item(r, "side_plank"));  // the best score always makes it
    CHECK_FALSE(item(r, "bridge"));
    auto nc = std::find_if(r.not_chosen.begin(), r.not_chosen.end(),
                           [](const NotChosenItem& x) { return x.exercise == ex("bridge"); });
    REQUIRE(nc != r.not_chosen.end());
    CHECK(nc->score == Approx(-1));
}

TEST_CASE("dose: fields set the prescription - within the exercise's ranges", "[rules][engine]") {
    // hip_adduction_band, mid: sets 2-3, reps 10-15, red band.
    auto base = rule("test.require", "true", R"J([{"require": "exercise(hip_adduction_band, bridge)"}])J");
    SECTION("default: top of the set range, bottom of the reps, the entry band") {
        auto r = recommender_with({base})->recommend(mid_stage_profile("hamstring_strain"));
        const auto* i = item(r, "hip_adduction_band");
        REQUIRE(i);
        CHECK(i->dose.sets == 3);
        CHECK(i->dose.reps == 10);
        CHECK(i->dose.reps_top == 15);
        CHECK(bundled_kg()->band(i->dose.band).key == "red");
        CHECK(i->dosed_by.empty());
    }
    SECTION("explicit fields, clamped to the range") {
        auto r =
            recommender_with(
                {base, rule("test.dose", "true",
                            R"J([{"dose": {"select": "exercise(hip_adduction_band)", "sets": 2, "reps": 40,
                                                  "rest_s": 45, "per_week": 4, "tempo": "3-1-3", "band_step": -1}}])J")})
                ->recommend(mid_stage_profile("hamstring_strain"));
        const auto* i = item(r, "hip_adduction_band");
        REQUIRE(i);
        CHECK(i->dose.sets == 2);
        CHECK(i->dose.reps == 15);
        CHECK(i->dose.rest_s == 45);
        CHECK(i->dose.per_week == 4);
        CHECK(i->dose.tempo == "3-1-3");
        CHECK(bundled_kg()->band(i->dose.band).key == "yellow");
        REQUIRE(i->dosed_by.size() == 1);
        const auto* other = item(r, "bridge");  // not selected by the dose rule
        REQUIRE(other);
        CHECK(other->dose.tempo == "1-2-3");
        CHECK(other->dosed_by.empty());
    }
    SECTION("per_side false: the affected side only") {
        CHECK(item(recommender_with({base})->recommend(mid_stage_profile("hamstring_strain")),
                   "hip_adduction_band")
                  ->dose.per_side);
        auto r = recommender_with(
                     {base, rule("test.one_side", "true",
                                 R"J([{"dose": {"select": "stance(other_leg)", "per_side": false}}])J")})
                     ->recommend(mid_stage_profile("hamstring_strain"));
        CHECK_FALSE(item(r, "hip_adduction_band")->dose.per_side);
        CHECK_FALSE(item(r, "bridge")->dose.per_side);
    }
    SECTION("level low and volume scale") {
        auto r = recommender_with({base, rule("test.low", "true", R"J([{"dose": {"level": "low"}}])J")})
                     ->recommend(mid_stage_profile("hamstring_strain"));
        CHECK(item(r, "hip_adduction_band")->dose.sets == 2);
        r = recommender_with({base, rule("test.scale", "true", R"J([{"dose": {"volume_scale": 0.34}}])J")})
                ->recommend(mid_stage_profile("hamstring_strain"));
        CHECK(item(r, "hip_adduction_band")->dose.sets == 1);
    }
    SECTION("the highest-priority dose rule has the last word, whatever its stratum") {
        // test.early runs first (stratum 0); test.late reads a derived fact, so it runs in a later
        // stratum, but its priority is higher: it decides the reps.
        auto r = recommender_with(
                     {base,
                      rule("test.early", "true",
                           R"J([{"dose": {"select": "exercise(hip_adduction_band)", "reps": 11}}])J", 1),
                      rule("test.late", "irritability == low",
                           R"J([{"dose": {"select": "exercise(hip_adduction_band)", "reps": 13}}])J", 50)})
                     ->recommend(mid_stage_profile("hamstring_strain"));
        const auto& rs = r.evaluation;
        (void)rs;
        CHECK(item(r, "hip_adduction_band")->dose.reps == 13);
        r = recommender_with(
                {base,
                 rule("test.early", "true",
                      R"J([{"dose": {"select": "exercise(hip_adduction_band)", "reps": 11}}])J", 50),
                 rule("test.late", "irritability == low",
                      R"J([{"dose": {"select": "exercise(hip_adduction_band)", "reps": 13}}])J", 1)})
                ->recommend(mid_stage_profile("hamstring_strain"));
        CHECK(item(r, "hip_adduction_band")->dose.reps == 11);
    }
}

TEST_CASE("limit: programme and component sizes", "[rules][engine]") {
    Profile p = mid_stage_profile("hamstring_strain");
    SECTION("total max") {
        auto r = recommender_with({prefer_all, rule("test.limit", "true", R"J([{"limit": {"max": 3}}])J")})
                     ->recommend(p);
        CHECK(r.items.size() == 3);
        CHECK(r.evaluation.total.max == 3);
    }
    SECTION("component max and min") {
        auto r = recommender_with({prefer_all, rule("test.limit", "true",
                                                    R"J([{"limit": {"component": "strength", "max": 1}},
                                                        {"limit": {"component": "balance", "max": 1}}])J")})
                     ->recommend(p);
        int strength = 0, balance = 0;
        for (const auto& i : r.items) {
            strength += bundled_kg()->exercise(i.exercise).component == Component::strength;
            balance += bundled_kg()->exercise(i.exercise).component == Component::balance;
        }
        CHECK(strength == 1);
        CHECK(balance == 1);
        // A component minimum pulls in an exercise no rule preferred.
        r = recommender_with(
                {rule("test.min", "true", R"J([{"limit": {"component": "balance", "min": 1}}])J")})
                ->recommend(p);
        REQUIRE(r.items.size() == 1);
        CHECK(bundled_kg()->exercise(r.items[0].exercise).component == Component::balance);
    }
    SECTION("the highest-priority limit decides, even in a later stratum") {
        auto rec = recommender_with(
            {prefer_all, rule("test.general", "true", R"J([{"limit": {"max": 8}}])J", 10),
             rule("test.low_irritability", "irritability == low", R"J([{"limit": {"max": 3}}])J", 20)});
        auto r = rec->recommend(p);
        CHECK(r.evaluation.total.max == 3);
        CHECK(rec->rules().rule(static_cast<std::uint32_t>(r.evaluation.total.max_rule)).id ==
              "test.low_irritability");
        CHECK(r.items.size() == 3);
    }
}

TEST_CASE("warn: a note for the clinician - or on the selected exercises", "[rules][engine]") {
    auto rec = recommender_with(
        {rule("test.require", "true", R"J([{"require": "exercise(bridge, dead_bug)"}])J"),
         rule("test.note", "true", R"J([{"warn": "General note."}])J"),
         rule("test.on_bridge", "true",
              R"J([{"warn": {"text": "Keep the pelvis level.", "select": "exercise(bridge)"}}])J")});
    auto r = rec->recommend(mid_stage_profile("hamstring_strain"));
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].text == "General note.");
    const auto* bridge = item(r, "bridge");
    REQUIRE(bridge);
    CHECK(contains(io::precaution_texts(rec->rules(), *bridge), "Keep the pelvis level. [test.on_bridge]"));
    CHECK_FALSE(contains(io::precaution_texts(rec->rules(), *item(r, "dead_bug")),
                         "Keep the pelvis level. [test.on_bridge]"));
}

// ---------------------------------------------------------------- order

TEST_CASE("stratification: a rule reading a derived fact runs after the rule deriving it",
          "[rules][engine]") {
    // The reader has the higher priority, but it must wait for both derivations.
    auto rs = compile_ok(doc(
        {rule("a.reader", "level2 > 5", R"J([{"exclude": "exercise(bridge)"}])J", 1000),
         rule("b.middle", "level1 > 1", R"J([{"derive": {"fact": "level2", "value": "level1 * 3"}}])J", 500),
         rule("c.deriver", "true", R"J([{"derive": {"fact": "level1", "value": "2"}}])J", -100)},
        {R"J({"name": "level1", "type": "number"})J", R"J({"name": "level2", "type": "number"})J"}));
    auto ev = evaluate(rs, mid_stage_profile("hamstring_strain"), true);
    CHECK(fired_ids(*rs, ev) == Names{"c.deriver", "b.middle", "a.reader"});
    CHECK(ev.excluded.contains(ex("bridge")));
    CHECK(rs->rule(rule_index(*rs, "c.deriver")).stratum < rs->rule(rule_index(*rs, "b.middle")).stratum);
    CHECK(rs->rule(rule_index(*rs, "b.middle")).stratum < rs->rule(rule_index(*rs, "a.reader")).stratum);
    CHECK(rs->stratum_count() == 3);
}

TEST_CASE("priorities: the highest-priority derive wins - the others are marked overridden",
          "[rules][engine]") {
    auto rs = compile_ok(
        doc({rule("d.low", "true", R"J([{"derive": {"fact": "ceiling", "value": "3"}}])J", 10),
             rule("d.high", "pain.rest >= 0", R"J([{"derive": {"fact": "ceiling", "value": "7"}}])J", 50),
             rule("d.reads_it", "ceiling > 5", R"J([{"warn": "high ceiling"}])J", 0)},
            {R"J({"name": "ceiling", "type": "number", "min": 0, "max": 10})J"}));
    FactSlot slot = *rs->schema().find("ceiling");
    for (bool trace : {false, true}) {
        auto ev = evaluate(rs, mid_stage_profile("hamstring_strain"), trace);
        CHECK(ev.facts.get(slot).value == Approx(7));
        CHECK(ev.derived_by[slot] == rule_index(*rs, "d.high"));
        CHECK(fired_ids(*rs, ev) == Names{"d.high", "d.low", "d.reads_it"});
        if (trace) {
            CHECK(outcome(*rs, ev, "d.low")->overridden);
            CHECK_FALSE(outcome(*rs, ev, "d.high")->overridden);
        }
    }
    // When the high-priority rule does not fire, the lower one decides.
    Profile p = mid_stage_profile("hamstring_strain");
    p.pain.rest.reset();
    auto ev = evaluate(rs, p, true);
    CHECK(ev.facts.get(slot).value == Approx(3));
    CHECK(ev.derived_by[slot] == rule_index(*rs, "d.low"));
    CHECK(outcome(*rs, ev, "d.high")->truth == Truth::unknown);
    CHECK_FALSE(outcome(*rs, ev, "d.low")->overridden);
}

// ---------------------------------------------------------------- missing data

TEST_CASE("three-valued logic: unknown facts make comparisons unknown - and rules do not fire",
          "[rules][engine]") {
    const std::vector<std::pair<std::string, Truth>> cases = {
        {"pain.rest > 3", Truth::unknown},
        {"false and pain.rest > 3", Truth::false_},
        {"pain.rest > 3 and false", Truth::false_},
        {"pain.rest > 3 and pain.walking > 3", Truth::false_},  // walking is 1: false and unknown
        {"true or pain.rest > 3", Truth::true_},
        {"pain.rest > 3 or true", Truth::true_},
        {"pain.rest > 3 or pain.walking < 3", Truth::true_},
        {"pain.rest > 3 or pain.walking > 3", Truth::unknown},
        {"pain.rest > 3 and pain.walking < 3", Truth::unknown},
        {"not (pain.rest > 3)", Truth::unknown},
        {"pain.rest + 1 > 3", Truth::unknown},
        {"min(pain.rest, 5) >= 0", Truth::unknown},
        {"abs(-pain.rest) >= 0", Truth::unknown},
        {"pain.walking / 0 > 1", Truth::unknown},  // division by zero is unknown
        {"pain.walking / 2 == 0.5", Truth::true_},
        {"known(pain.rest)", Truth::false_},
        {"unknown(pain.rest)", Truth::true_},
        {"known(pain.walking) and pain.walking < 3", Truth::true_},
        {"weight_bearing in [full, partial]", Truth::unknown},
        {"weight_bearing not in [none]", Truth::unknown},
        {"pain.lasts_next_day", Truth::unknown},
        {"not pain.lasts_next_day", Truth::unknown},
        {"therapist_present", Truth::false_},  // a default: false when not given
        {"position.prone", Truth::true_},      // a default: tolerated
    };
    std::vector<std::string> rules;
    for (std::size_t i = 0; i < cases.size(); ++i)
        rules.push_back(rule("t" + std::to_string(100 + i), cases[i].first, R"J([{"warn": "fired"}])J"));
    auto rs = compile_ok(doc(rules));
    Profile p = mid_stage_profile("hamstring_strain");
    p.pain.rest.reset();
    p.weight_bearing.reset();
    p.therapist_present = false;
    auto ev = evaluate(rs, p, true);
    auto fired = fired_ids(*rs, ev);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO(cases[i].first);
        auto o = outcome(*rs, ev, "t" + std::to_string(100 + i));
        REQUIRE(o);
        CHECK(o->truth == cases[i].second);
        CHECK(contains(fired, "t" + std::to_string(100 + i)) == (cases[i].second == Truth::true_));
    }
}

TEST_CASE("three-valued logic: the trace records the unknown fact of a comparison", "[rules][engine]") {
    auto rs = compile_ok(doc({rule("t.rest", "pain.rest >= 3", R"J([{"warn": "rest pain"}])J")}));
    Profile p = mid_stage_profile("hamstring_strain");
    p.pain.rest.reset();
    auto ev = evaluate(rs, p, true);
    REQUIRE(ev.observations.size() == 1);
    const Observation& o = ev.observations[0];
    CHECK(o.rule == rule_index(*rs, "t.rest"));
    CHECK(o.slot == *rs->schema().find("pain.rest"));
    CHECK_FALSE(o.lhs_known);
    CHECK(o.rhs == Approx(3));
    CHECK(o.result == Truth::unknown);
    CHECK(ev.fired.empty());

    p.pain.rest = 4;
    ev = evaluate(rs, p, true);
    REQUIRE(ev.observations.size() == 1);
    CHECK(ev.observations[0].lhs_known);
    CHECK(ev.observations[0].lhs == Approx(4));
    CHECK(ev.observations[0].result == Truth::true_);
    // Without trace: nothing is recorded but the same rules fire.
    auto quiet = evaluate(rs, p, false);
    CHECK(quiet.observations.empty());
    CHECK(quiet.fired == ev.fired);
}

// ---------------------------------------------------------------- indexing

TEST_CASE("rule index: rules for another condition are not even tried", "[rules][engine]") {
    auto rs = compile_ok(doc({
        rule("i.hamstring", "condition == hamstring_strain", R"J([{"warn": "h"}])J"),
        rule("i.adductor", "condition == adductor_related_groin_pain and pain.rest >= 0",
             R"J([{"warn": "a"}])J"),
        rule("i.groin", "condition in [adductor_related_groin_pain, pubic_related_groin_pain]",
             R"J([{"warn": "g"}])J"),
        rule("i.not_hamstring", "condition != hamstring_strain", R"J([{"warn": "n"}])J"),
        rule("i.not_in", "condition not in [adductor_related_groin_pain, hip_flexor_strain]",
             R"J([{"warn": "x"}])J"),
        rule("i.or", "condition == hamstring_strain or pain.rest > 5", R"J([{"warn": "o"}])J"),
        rule("i.general", "pain.rest >= 0", R"J([{"warn": "all"}])J"),
    }));
    REQUIRE(rs->index_fact() == rs->schema().find("condition"));
    auto ev = evaluate(rs, mid_stage_profile("adductor_related_groin_pain"), true);
    CHECK_FALSE(outcome(*rs, ev, "i.hamstring"));
    CHECK_FALSE(outcome(*rs, ev, "i.not_in"));
    CHECK(outcome(*rs, ev, "i.adductor")->truth == Truth::true_);
    CHECK(outcome(*rs, ev, "i.groin")->truth == Truth::true_);
    CHECK(outcome(*rs, ev, "i.not_hamstring")->truth == Truth::true_);
    CHECK(outcome(*rs, ev, "i.or")->truth == Truth::false_);  // not indexable: tried, false
    CHECK(outcome(*rs, ev, "i.general")->truth == Truth::true_);

    ev = evaluate(rs, mid_stage_profile("hamstring_strain"), true);
    CHECK(outcome(*rs, ev, "i.hamstring")->truth == Truth::true_);
    CHECK(outcome(*rs, ev, "i.not_in")->truth == Truth::true_);
    CHECK_FALSE(outcome(*rs, ev, "i.adductor"));
    CHECK_FALSE(outcome(*rs, ev, "i.groin"));
    CHECK_FALSE(outcome(*rs, ev, "i.not_hamstring"));
    CHECK(outcome(*rs, ev, "i.or")->truth == Truth::true_);

    // Condition unknown: only the general rules are tried.
    Profile p = mid_stage_profile("hamstring_strain");
    p.condition = ConditionId();
    ev = evaluate(rs, p, true);
    Names tried;
    for (const auto& o : ev.outcomes) tried.push_back(rs->rule(o.rule).id);
    CHECK(sorted(tried) == Names{"i.general", "i.or"});
}

TEST_CASE("rule index: the bundled rules for other conditions are skipped", "[rules][engine]") {
    auto rec = bundled_recommender();
    const RuleSet& rs = rec->rules();
    auto r = rec->recommend(mid_stage_profile("gluteal_tendinopathy"), true);
    CHECK(outcome(rs, r.evaluation, "gluteal.compression"));
    CHECK_FALSE(outcome(rs, r.evaluation, "adductor.resisted_pain"));
    CHECK_FALSE(outcome(rs, r.evaluation, "favour.hamstring_strain"));
    CHECK(outcome(rs, r.evaluation, "safety.contraindicated"));
}

// ---------------------------------------------------------------- selectors

namespace {

// Resolves a selector against the bundled rule set's schema (which has the derived `stage`).
Names select(const std::string& text, const FactValues* facts = nullptr) {
    const RuleSet& rs = bundled_recommender()->rules();
    Diagnostics d;
    auto s = Selector::compile(text, rs.knowledge(), rs.schema(), d, {"test", "/select"});
    for (const auto& x : d.items()) UNSCOPED_INFO(x.code << ": " << x.message);
    REQUIRE(s);
    FactValues none(rs.schema());
    return set_keys(s->resolve(facts ? *facts : none));
}

}  // namespace

TEST_CASE("selectors: knowledge functions resolve to the expected exercises", "[rules][engine][selector]") {
    CHECK(select("works_primary(adductor_longus)") ==
          Names{"adductor_squeeze_submaximal", "adductor_squeeze", "side_lying_hip_adduction",
                "hip_adduction_band", "eccentric_hip_adduction", "copenhagen_adduction_short_lever",
                "copenhagen_adduction_long_lever", "slide_board_adduction", "lateral_lunge",
                "adductor_stretch"});
    // works() adds the exercises where the muscle is secondary.
    auto works = select("works(adductor_longus)");
    CHECK(works.size() == 12);
    CHECK(contains(works, "hip_internal_rotation_band"));
    CHECK(contains(works, "leg_swings"));
    CHECK(select("loads(hip_adduction, [eccentric])") ==
          Names{"side_lying_hip_adduction", "hip_adduction_band", "eccentric_hip_adduction",
                "copenhagen_adduction_short_lever", "copenhagen_adduction_long_lever",
                "slide_board_adduction", "lateral_lunge"});
    // Without contractions: every way of loading it, stretch included.
    auto loads = select("loads(hip_adduction)");
    CHECK(loads.size() == 11);
    CHECK(contains(loads, "piriformis_stretch"));
    CHECK(contains(loads, "adductor_squeeze"));
    CHECK(select("position(kneeling)") == Names{"nordic_hamstring_curl", "hip_flexor_stretch"});
    CHECK(select("position(kneeling, prone)").size() == 7);
    CHECK(select("needs(step)") == Names{"hip_hitch", "step_up", "lateral_step_down"});
    CHECK(select("needs(resistance_band)") ==
          Names{"hip_abduction_band", "lateral_band_walk", "hip_adduction_band", "hip_extension_band",
                "bent_leg_hip_flexion_band", "standing_hip_flexion_band", "straight_leg_hip_flexion_band",
                "hip_external_rotation_band", "hip_internal_rotation_band", "standing_hip_rotation_band"});
    CHECK(select("stance(affected_leg)") ==
          Names{"hip_hitch", "single_leg_stance", "single_leg_stance_eyes_closed", "single_leg_wobble_board",
                "hamstring_diver", "single_leg_romanian_deadlift", "step_up", "lateral_step_down",
                "split_squat", "single_leg_squat", "standing_hip_rotation_band"});
    CHECK(select("in_stage(late)") ==
          Names{"copenhagen_adduction_long_lever", "slide_board_adduction", "single_leg_stance_eyes_closed",
                "single_leg_wobble_board", "single_leg_bridge", "single_leg_romanian_deadlift",
                "nordic_hamstring_curl", "standing_hip_flexion_band", "straight_leg_hip_flexion_band",
                "lateral_step_down", "single_leg_squat", "lateral_lunge", "stationary_bike", "leg_swings",
                "standing_hip_rotation_band", "dead_bug", "bird_dog", "front_plank", "side_plank"});
    CHECK(select("needs_therapist") == Names{"eccentric_hip_adduction"});
    CHECK(select("needs_partner") == Names{"nordic_hamstring_curl"});
    CHECK(select("only_contraction(isometric) and component(strength)") ==
          Names{"isometric_hip_abduction", "adductor_squeeze_submaximal", "adductor_squeeze",
                "isometric_gluteal_squeeze", "isometric_knee_flexion", "isometric_hip_flexion",
                "isometric_hip_external_rotation", "isometric_hip_internal_rotation"});
    CHECK(select("exercise(bridge, dead_bug)") == Names{"bridge", "dead_bug"});
    CHECK(select("all").size() == bundled_kg()->exercise_count());
    CHECK(select("not all").empty());
    CHECK(select("needs(step) and not stance(affected_leg)").empty());
    CHECK(select("needs(step) or needs_partner") ==
          Names{"hip_hitch", "nordic_hamstring_curl", "step_up", "lateral_step_down"});
}

TEST_CASE("selectors: after / before follow the progression chain", "[rules][engine][selector]") {
    CHECK(select("after(adductor_squeeze)") ==
          Names{"side_lying_hip_adduction", "hip_adduction_band", "eccentric_hip_adduction",
                "copenhagen_adduction_short_lever", "copenhagen_adduction_long_lever",
                "slide_board_adduction"});
    CHECK(select("after(hamstring_diver)") ==
          Names{"hamstring_glider", "single_leg_romanian_deadlift", "nordic_hamstring_curl"});
    CHECK(select("before(copenhagen_adduction_short_lever)") ==
          Names{"adductor_squeeze_submaximal", "adductor_squeeze", "side_lying_hip_adduction",
                "hip_adduction_band", "eccentric_hip_adduction", "abdominal_breathing",
                "transversus_abdominis_activation", "dead_bug", "bird_dog", "abdominal_curl_up",
                "front_plank", "side_plank"});
    CHECK(select("after(slide_board_adduction)").empty());  // the end of its chain
}

TEST_CASE("selectors: contraindicated(condition - stage) is a table indexed by the patient's facts",
          "[rules][engine][selector]") {
    const RuleSet& rs = bundled_recommender()->rules();
    FactValues f(rs.schema());
    FactSlot condition = *rs.schema().find("condition"), stage = *rs.schema().find("stage");
    auto set = [&](const std::string& c, Stage s) {
        f.set(condition, cond(c).value);
        f.set(stage, static_cast<double>(s));
    };
    const std::string table = "contraindicated(condition, stage)";
    set("adductor_related_groin_pain", Stage::early);
    CHECK(select(table, &f) == Names{"isometric_hip_abduction", "hip_abduction_band", "adductor_stretch"});
    set("adductor_related_groin_pain", Stage::mid);
    CHECK(select(table, &f).empty());
    set("hamstring_strain", Stage::early);
    CHECK(select(table, &f) == Names{"hamstring_extender", "hamstring_diver", "hamstring_glider",
                                     "nordic_hamstring_curl", "hamstring_stretch"});
    set("hamstring_strain", Stage::mid);
    CHECK(select(table, &f) == Names{"nordic_hamstring_curl"});
    set("gluteal_tendinopathy", Stage::late);
    CHECK(select(table, &f).size() == 8);
    // An unknown key fact selects nothing.
    f.clear(stage);
    CHECK(select(table, &f).empty());
    // The static forms.
    CHECK(select("contraindicated(hamstring_strain, mid)") == Names{"nordic_hamstring_curl"});
    CHECK(select("contraindicated(hamstring_strain)").size() == 5);
    // Mixed: a fixed condition and the patient's stage.
    f.set(stage, static_cast<double>(Stage::early));
    CHECK(select("contraindicated(adductor_related_groin_pain, stage)", &f).size() == 3);
    CHECK(select("in_stage(stage) and needs(step)", &f).empty());
    f.set(stage, static_cast<double>(Stage::mid));
    CHECK(select("in_stage(stage) and needs(step)", &f) ==
          Names{"hip_hitch", "step_up", "lateral_step_down"});
}

TEST_CASE("activities: a sport takes part in each of its demands", "[rules][engine][activity]") {
    auto rs = compile_ok(doc(recommender_rules(), recommender_facts()));
    Profile p = mid_stage_profile("adductor_related_groin_pain");
    p.activity = {"football"};
    FactValues facts(rs->schema());
    profile_to_facts(p, ClinicalSlots::resolve(rs->schema(), rs->knowledge()), facts);
    auto value = [&](const std::string& name) { return facts.get(*rs->schema().find(name)); };
    for (const char* d :
         {"activity.football", "activity.kicking", "activity.change_of_direction", "activity.sprinting"}) {
        INFO(d);
        CHECK(value(d).known);
        CHECK(value(d).value == 1);
    }
    CHECK(value("activity.skating").value == 0);
    for (const auto& [sport, demands] : sport_demands())
        for (const auto& d : demands) {
            INFO(sport << " -> " << d);
            CHECK(std::find(activity_names().begin(), activity_names().end(), d) != activity_names().end());
        }
}
