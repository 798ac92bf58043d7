// Declares the profile facts the clinical rules may read, with labels a clinician reads in the
// explanations, and converts a Profile to fact values (defaults: no red flags, positions tolerated,
// no equipment, no therapist; pain left out stays unknown).
#include "core/recommend/clinical_schema.hpp"

namespace rehab {

namespace {

FactDef number(std::string name, double min, double max, std::string label, std::string unit) {
    FactDef f;
    f.name = std::move(name);
    f.type = FactType::number;
    f.min = min, f.max = max;
    f.label = std::move(label);
    f.unit = std::move(unit);
    return f;
}

FactDef boolean(std::string name, std::string label, std::optional<double> def) {
    FactDef f;
    f.name = std::move(name);
    f.type = FactType::boolean;
    f.min = 0, f.max = 1;
    f.label = std::move(label);
    f.default_value = def;
    return f;
}

FactDef enumeration(FactSchema& s, std::string name, std::string domain, std::vector<std::string> values,
                    std::string label) {
    FactDef f;
    f.name = std::move(name);
    f.type = FactType::enumeration;
    f.domain = s.add_domain(std::move(domain), std::move(values));
    f.min = 0, f.max = static_cast<double>(s.domain(f.domain).values.size() - 1);
    f.label = std::move(label);
    return f;
}

std::string lower_name(const Named& n) {
    std::string s = n.name;
    if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

}  // namespace

const std::vector<std::string>& activity_names() {
    static const std::vector<std::string> v = [] {
        std::vector<std::string> names = {"running", "sprinting", "kicking",   "change_of_direction",
                                          "jumping", "skating",   "cycling",   "swimming",
                                          "dancing", "walking",   "team_sport"};
        for (const auto& [sport, demands] : sport_demands()) names.push_back(sport);
        return names;
    }();
    return v;
}

// Common sports and the demands (the first activities above) each puts on the hip and groin
// (clinical.md 3.1, 3.2, 3.7, 3.10: kicking, change of direction, sprinting; the project's own
// mapping, derived). A profile naming a sport also takes part in each of its demands.
const std::vector<std::pair<std::string, std::vector<std::string>>>& sport_demands() {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> v = {
        {"football", {"kicking", "change_of_direction", "sprinting", "running", "team_sport"}},
        {"soccer", {"kicking", "change_of_direction", "sprinting", "running", "team_sport"}},
        {"futsal", {"kicking", "change_of_direction", "sprinting", "running", "team_sport"}},
        {"gaelic_football",
         {"kicking", "change_of_direction", "sprinting", "running", "jumping", "team_sport"}},
        {"australian_football",
         {"kicking", "change_of_direction", "sprinting", "running", "jumping", "team_sport"}},
        {"american_football", {"change_of_direction", "sprinting", "kicking", "team_sport"}},
        {"rugby", {"kicking", "change_of_direction", "sprinting", "running", "team_sport"}},
        {"netball", {"change_of_direction", "jumping", "sprinting", "team_sport"}},
        {"basketball", {"change_of_direction", "jumping", "sprinting", "running", "team_sport"}},
        {"volleyball", {"jumping", "change_of_direction", "team_sport"}},
        {"handball", {"change_of_direction", "jumping", "sprinting", "running", "team_sport"}},
        {"hockey", {"change_of_direction", "sprinting", "running", "team_sport"}},
        {"ice_hockey", {"skating", "change_of_direction", "sprinting", "team_sport"}},
        {"hurling", {"change_of_direction", "sprinting", "running", "team_sport"}},
        {"lacrosse", {"change_of_direction", "sprinting", "running", "team_sport"}},
        {"cricket", {"sprinting", "running", "team_sport"}},
        {"baseball", {"sprinting", "team_sport"}},
        {"tennis", {"change_of_direction", "sprinting"}},
        {"badminton", {"change_of_direction", "jumping", "sprinting"}},
        {"squash", {"change_of_direction", "sprinting"}},
        {"athletics", {"sprinting", "running", "jumping"}},
        {"martial_arts", {"kicking", "change_of_direction"}},
        {"dance", {"dancing", "jumping"}},
        {"gymnastics", {"jumping", "dancing"}},
        {"skiing", {"change_of_direction"}},
        {"golf", {"walking"}},
        {"hiking", {"walking"}},
        {"rowing", {}},
        {"triathlon", {"running", "cycling", "swimming"}},
    };
    return v;
}

FactSchema make_clinical_schema(const KnowledgeGraph& kg) {
    FactSchema s;
    s.add(number("age", 0, 120, "age", " years"));
    s.add(enumeration(s, "sex", "sex", {"female", "male", "other"}, "sex"));
    for (const auto& a : activity_names()) s.add(boolean("activity." + a, "takes part in " + a, 0));
    std::vector<std::string> conditions;
    for (const auto& c : kg.conditions()) conditions.push_back(c.key);
    FactDef cond = enumeration(s, "condition", "condition", conditions, "condition");
    cond.indexed = true;
    s.add(std::move(cond));
    s.add(enumeration(s, "side", "side", {"left", "right", "both"}, "affected side"));
    s.add(number("days_since_onset", 0, 36500, "days since onset", " days"));
    s.add(enumeration(s, "clinician_stage", "stage", {"early", "mid", "late"}, "stage set by the clinician"));
    s.add(enumeration(s, "previous_stage", "stage", {"early", "mid", "late"},
                      "stage of the current programme"));
    for (const auto& r : kg.red_flags()) s.add(boolean("red_flag." + r.key, r.name, 0));
    s.add(number("pain.rest", 0, 10, "pain at rest", "/10"));
    s.add(number("pain.walking", 0, 10, "pain on walking", "/10"));
    for (const auto& m : kg.movements())
        s.add(number("pain.resisted." + m.key, 0, 10, "pain on resisted " + lower_name(m), "/10"));
    for (const auto& m : kg.movements())
        s.add(number("pain.stretch." + m.key, 0, 10, "pain on stretch into " + lower_name(m), "/10"));
    s.add(
        boolean("pain.lasts_next_day", "pain after light activity lasting into the next day", std::nullopt));
    s.add(enumeration(s, "weight_bearing", "weight_bearing", {"full", "partial", "none"}, "weight bearing"));
    s.add(number("single_leg_stance_s", 0, 600, "single-leg stance on the affected leg", " s"));
    s.add(number("squeeze_ratio", 0, 2, "adductor squeeze ratio (affected/unaffected)", ""));
    for (const auto& p : kg.positions()) s.add(boolean("position." + p.key, "tolerates " + lower_name(p), 1));
    for (const auto& e : kg.equipment()) s.add(boolean("equipment." + e.key, "has " + lower_name(e), 0));
    s.add(boolean("therapist_present", "a therapist is present", 0));
    s.add(boolean("on_pain_medication", "takes pain medication for this injury", 0));
    return s;
}

ClinicalSlots ClinicalSlots::resolve(const FactSchema& s, const KnowledgeGraph& kg) {
    auto f = [&](const std::string& n) { return *s.find(n); };
    ClinicalSlots c{};
    c.age = f("age");
    c.sex = f("sex");
    c.condition = f("condition");
    c.side = f("side");
    c.days = f("days_since_onset");
    c.clinician_stage = f("clinician_stage");
    c.previous_stage = f("previous_stage");
    c.pain_rest = f("pain.rest");
    c.pain_walking = f("pain.walking");
    c.pain_next_day = f("pain.lasts_next_day");
    c.weight_bearing = f("weight_bearing");
    c.single_leg_stance = f("single_leg_stance_s");
    c.squeeze_ratio = f("squeeze_ratio");
    c.therapist = f("therapist_present");
    c.medication = f("on_pain_medication");
    for (const auto& a : activity_names()) c.activity.push_back(f("activity." + a));
    for (const auto& r : kg.red_flags()) c.red_flag.push_back(f("red_flag." + r.key));
    for (const auto& m : kg.movements()) c.resisted.push_back(f("pain.resisted." + m.key));
    for (const auto& m : kg.movements()) c.stretch.push_back(f("pain.stretch." + m.key));
    for (const auto& p : kg.positions()) c.position.push_back(f("position." + p.key));
    for (const auto& e : kg.equipment()) c.equipment.push_back(f("equipment." + e.key));
    return c;
}

void profile_to_facts(const Profile& p, const ClinicalSlots& c, FactValues& out) {
    auto opt = [&](FactSlot s, const std::optional<double>& v) {
        if (v) out.set(s, *v);
    };
    opt(c.age, p.age);
    if (p.sex == "female")
        out.set(c.sex, 0);
    else if (p.sex == "male")
        out.set(c.sex, 1);
    else if (!p.sex.empty())
        out.set(c.sex, 2);
    const auto& names = activity_names();
    auto take_part = [&](const std::string& a) {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (names[i] == a) out.set(c.activity[i], 1);
    };
    for (const auto& a : p.activity) {
        take_part(a);
        for (const auto& [sport, demands] : sport_demands())
            if (sport == a)
                for (const auto& d : demands) take_part(d);
    }
    if (p.condition.valid()) out.set(c.condition, p.condition.value);
    out.set(c.side, static_cast<double>(p.side));
    opt(c.days, p.days_since_onset);
    if (p.stage) out.set(c.clinician_stage, static_cast<double>(*p.stage));
    if (p.history.previous_stage) out.set(c.previous_stage, static_cast<double>(*p.history.previous_stage));
    for (auto r : p.red_flags) out.set(c.red_flag[r.value], 1);
    opt(c.pain_rest, p.pain.rest);
    opt(c.pain_walking, p.pain.walking);
    for (auto [m, v] : p.pain.resisted) out.set(c.resisted[m.value], v);
    for (auto [m, v] : p.pain.stretch) out.set(c.stretch[m.value], v);
    if (p.pain.lasts_next_day) out.set(c.pain_next_day, *p.pain.lasts_next_day ? 1 : 0);
    if (p.weight_bearing) out.set(c.weight_bearing, static_cast<double>(*p.weight_bearing));
    opt(c.single_leg_stance, p.single_leg_stance_s);
    opt(c.squeeze_ratio, p.squeeze_ratio);
    for (auto [pos, ok] : p.positions) out.set(c.position[pos.value], ok ? 1 : 0);
    for (auto e : p.equipment) out.set(c.equipment[e.value], 1);
    out.set(c.therapist, p.therapist_present ? 1 : 0);
    if (p.on_pain_medication) out.set(c.medication, *p.on_pain_medication ? 1 : 0);
}

const char* to_string(Side s) {
    switch (s) {
        case Side::left:
            return "left";
        case Side::right:
            return "right";
        case Side::both:
            return "both";
    }
    return "?";
}

const char* to_string(WeightBearing w) {
    switch (w) {
        case WeightBearing::full:
            return "full";
        case WeightBearing::partial:
            return "partial";
        case WeightBearing::none:
            return "none";
    }
    return "?";
}

const char* to_string(StopReason r) { return r == StopReason::excluded ? "excluded" : "pain"; }

}  // namespace rehab
