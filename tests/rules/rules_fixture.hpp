// Shared helpers for the rule-language tests: the bundled engine (tests/support/bundled.hpp), inline
// rule documents compiled against the clinical schema, and a small builder for patient profiles.
// Rule documents are written as JSON strings so that each test reads like the rule it specifies.
#pragma once
#include <catch2/catch.hpp>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "../support/bundled.hpp"
#include "core/base/diagnostic.hpp"
#include "core/recommend/clinical_schema.hpp"
#include "core/recommend/recommender.hpp"
#include "core/rules/engine.hpp"
#include "core/rules/rule_set.hpp"
#include "io/load/knowledge_loader.hpp"
#include "io/load/rules_loader.hpp"
#include "io/render/words/note_words.hpp"
#include "io/render/words/reason_words.hpp"

namespace rehab::test {

// Reads one inline rule document and compiles it against the clinical schema of the bundled
// knowledge. Returns null when there is any error; every diagnostic is in `d`.
inline std::shared_ptr<const RuleSet> compile_text(const std::string& text, Diagnostics& d,
                                                   const std::string& file = "inline.json") {
    RuleSetData data;
    io::read_rules_text(text, file, data, d);
    auto kg = bundled_kg();
    FactSchema inputs = make_clinical_schema(*kg);
    auto rs = RuleSet::compile(data, kg, inputs, d);
    if (d.has_errors()) return nullptr;  // structure errors: never run what was read
    return rs;
}

// Like compile_text, but the document must compile; shows the diagnostics otherwise.
inline std::shared_ptr<const RuleSet> compile_ok(const std::string& text) {
    Diagnostics d;
    auto rs = compile_text(text, d);
    for (const auto& x : d.items())
        UNSCOPED_INFO(x.code << " " << x.location.pointer << " col " << x.location.column << ": "
                             << x.message);
    REQUIRE(rs);
    return rs;
}

// One rule as JSON text. `then` is the JSON array of actions.
inline std::string rule(const std::string& id, const std::string& when, const std::string& then,
                        int priority = 0) {
    return R"({"id": ")" + id +
           R"(", "rationale": "test rule", "evidence": {"grade": "practice"}, "priority": )" +
           std::to_string(priority) + R"(, "when": ")" + when + R"(", "then": )" + then + "}";
}

// A rules document from rule JSON texts (and optional fact declarations).
inline std::string doc(const std::vector<std::string>& rules, const std::vector<std::string>& facts = {}) {
    std::string s = "{";
    if (!facts.empty()) {
        s += "\"facts\": [";
        for (std::size_t i = 0; i < facts.size(); ++i) s += (i ? ", " : "") + facts[i];
        s += "], ";
    }
    s += "\"rules\": [";
    for (std::size_t i = 0; i < rules.size(); ++i) s += (i ? ",\n" : "\n") + rules[i];
    return s + "\n]}";
}

// What Recommender::create needs: the derived facts stage and irritability, with simple rules
// (the clinician's stage, else mid; irritability low). Tests add the rules under test.
inline std::vector<std::string> recommender_facts() {
    return {R"({"name": "stage", "type": "enumeration", "values": ["early", "mid", "late"]})",
            R"({"name": "irritability", "type": "enumeration", "values": ["low", "moderate", "high"]})"};
}
inline std::vector<std::string> recommender_rules() {
    return {
        rule("base.stage_given", "known(clinician_stage)",
             R"([{"derive": {"fact": "stage", "value": "clinician_stage"}}])", 10),
        rule("base.stage_default", "true", R"([{"derive": {"fact": "stage", "value": "mid"}}])", 0),
        rule("base.irritability", "true", R"([{"derive": {"fact": "irritability", "value": "low"}}])", 0)};
}

// A recommender over the base rules plus `extra` rules.
inline std::shared_ptr<const Recommender> recommender_with(const std::vector<std::string>& extra) {
    auto rules = recommender_rules();
    rules.insert(rules.end(), extra.begin(), extra.end());
    auto rs = compile_ok(doc(rules, recommender_facts()));
    Diagnostics d;
    auto r = Recommender::create(rs, d);
    REQUIRE(r);
    return r;
}

// ---- ids of the bundled knowledge ----
inline ExerciseId ex(const std::string& key) {
    auto id = bundled_kg()->find_exercise(key);
    if (!id) FAIL("no exercise " << key);
    return *id;
}
inline ConditionId cond(const std::string& key) {
    auto id = bundled_kg()->find_condition(key);
    if (!id) FAIL("no condition " << key);
    return *id;
}
inline MovementId mov(const std::string& key) { return *bundled_kg()->find_movement(key); }
inline EquipmentId equip(const std::string& key) { return *bundled_kg()->find_equipment(key); }
inline PositionId pos(const std::string& key) { return *bundled_kg()->find_position(key); }
inline RedFlagId flag(const std::string& key) { return *bundled_kg()->find_red_flag(key); }

inline std::vector<EquipmentId> all_equipment() {
    std::vector<EquipmentId> v;
    for (std::uint32_t i = 0; i < bundled_kg()->equipment().size(); ++i) v.emplace_back(i);
    return v;
}

// A patient ready for mid-stage work: full weight bearing, low pain, all equipment, a therapist.
inline Profile mid_stage_profile(const std::string& condition) {
    Profile p;
    p.id = "test";
    p.condition = cond(condition);
    p.pain.rest = 0;
    p.pain.walking = 1;
    p.weight_bearing = WeightBearing::full;
    p.single_leg_stance_s = 20;
    p.days_since_onset = 30;
    p.equipment = all_equipment();
    p.therapist_present = true;
    return p;
}

inline std::vector<std::string> item_keys(const Recommendation& r) {
    std::vector<std::string> v;
    for (const auto& i : r.items) v.push_back(bundled_kg()->exercise(i.exercise).key);
    return v;
}

inline std::vector<std::string> set_keys(const ExerciseSet& s) {
    std::vector<std::string> v;
    s.for_each([&](ExerciseId e) { v.push_back(bundled_kg()->exercise(e).key); });
    return v;
}

// Everything a recommendation says, as text with rule ids (not indices) and exercise keys, so that
// two recommendations from differently ordered rule files can be compared and diffed.
inline std::string fingerprint(const Recommender& rec, const Recommendation& r, bool with_trace = true) {
    const RuleSet& rs = rec.rules();
    const KnowledgeGraph& kg = rec.knowledge();
    auto id = [&](std::uint32_t rule) { return rs.rule(rule).id; };
    std::ostringstream o;
    o << "stage " << to_string(r.stage) << " by "
      << (r.stage_rule >= 0 ? id(static_cast<std::uint32_t>(r.stage_rule)) : "-") << "; irritability "
      << r.irritability << "\n";
    for (const auto& x : r.referral)
        o << "refer " << id(x.rule) << " " << (x.red_flag.valid() ? kg.red_flag(x.red_flag).key : "-") << " "
          << to_string(x.urgency) << " " << x.reason << "\n";
    for (const auto& i : r.items) {
        const PrescribedDose& d = i.dose;
        o << "item " << kg.exercise(i.exercise).key << " score " << i.score << " sets " << d.sets << " reps "
          << d.reps.value_or(-1) << "/" << d.reps_top.value_or(-1) << " hold " << d.hold_s.value_or(-1) << "/"
          << d.hold_top.value_or(-1) << " min " << d.duration_min.value_or(-1) << " tempo " << d.tempo
          << " rest " << d.rest_s << " week " << d.per_week << " band "
          << (d.band.valid() ? kg.band(d.band).key : "-") << " side " << d.per_side << " dosed";
        for (const auto& x : i.dosed_by) o << " " << id(x.rule);
        o << " selected";
        for (const auto& x : i.selected_by) o << " " << id(x.rule) << ":" << x.weight;
        for (const auto& x : i.precautions) o << " | " << io::precaution_text(rec.rules(), i.exercise, x);
        o << "\n";
    }
    for (const auto& x : r.excluded) {
        o << "excluded " << kg.exercise(x.exercise).key;
        for (auto rule : x.rules) o << " " << id(rule);
        o << "\n";
    }
    for (const auto& x : r.not_chosen)
        o << "not " << kg.exercise(x.exercise).key << " " << x.score << " "
          << io::not_chosen_text(kg, r.evaluation, x) << "\n";
    for (const auto& x : r.warnings) o << "warn " << id(x.rule) << " " << io::warning_text(rs, x) << "\n";
    o << "limits " << r.evaluation.total.min << "-" << r.evaluation.total.max << "\n";
    o << "fired";
    for (auto f : r.evaluation.fired) o << " " << id(f);
    o << "\n";
    if (with_trace) {
        for (const auto& x : r.next_stage_unmet)
            o << "unmet " << id(x.rule) << " node " << x.observation.node << "\n";
        o << "tried";
        for (const auto& x : r.evaluation.outcomes)
            o << " " << id(x.rule) << "=" << static_cast<int>(x.truth) << (x.overridden ? "*" : "");
        o << "\n";
    }
    return o.str();
}

// The first diagnostic with `code`, or nullptr.
inline const Diagnostic* find_diag(const Diagnostics& d, const std::string& code) {
    for (const auto& item : d.items())
        if (item.code == code) return &item;
    return nullptr;
}

}  // namespace rehab::test
