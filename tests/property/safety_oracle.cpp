// The safety oracle: reads knowledge/exercises/*.json and knowledge/ladders.json with nlohmann, and
// checks a recommendation against the clinical reference's safety rules written out here in C++,
// independently of rules/*.json. Each check cites the section of clinical.md it states.
#include "safety_oracle.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

namespace rehab::test {

namespace {

nlohmann::json read_json(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("oracle: cannot read " + file.string());
    return nlohmann::json::parse(in);
}

const char* const stage_names[] = {"early", "mid", "late"};

// The ladder windows per stage (docs/ladders.md, from clinical.md 1, 2.4-2.6, 4.3): early keeps to the
// isometric, off-loaded rungs; mid opens the band and body-weight rungs (the long-lever Copenhagen and
// slide board, the Nordic curl stay late, 3.1, 3.7); late drops the lightest rungs.
using Window = std::pair<int, int>;
const std::map<std::string, Window>& window_for(Stage s) {
    static const std::map<std::string, Window> early = {
        {"adductor", {1, 2}},   {"hip_abductor", {1, 2}}, {"hamstring", {1, 2}}, {"hip_extensor", {1, 2}},
        {"hip_flexor", {1, 1}}, {"hip_rotator", {1, 1}},  {"balance", {1, 1}},   {"functional", {1, 2}},
        {"trunk", {1, 2}},      {"mobility", {1, 2}}};
    static const std::map<std::string, Window> mid = {
        {"adductor", {2, 4}},   {"hip_abductor", {1, 5}}, {"hamstring", {2, 4}}, {"hip_extensor", {2, 4}},
        {"hip_flexor", {1, 3}}, {"hip_rotator", {2, 2}},  {"balance", {1, 3}},   {"functional", {1, 4}},
        {"trunk", {2, 5}},      {"mobility", {2, 3}}};
    static const std::map<std::string, Window> late = {
        {"adductor", {3, 6}},   {"hip_abductor", {3, 5}}, {"hamstring", {3, 6}}, {"hip_extensor", {3, 4}},
        {"hip_flexor", {2, 4}}, {"hip_rotator", {2, 3}},  {"balance", {2, 4}},   {"functional", {3, 5}},
        {"trunk", {3, 5}},      {"mobility", {2, 4}}};
    return s == Stage::early ? early : s == Stage::mid ? mid : late;
}
// High irritability (clinical.md 1: isometrics and off-loaded positions only): the early windows, and
// only the first functional rung.
Window high_irritability_window(const std::string& ladder) {
    if (ladder == "functional") return {1, 1};
    return window_for(Stage::early).at(ladder);
}

// Items that are always available (docs/knowledge-format.md, profile-format.md): a carpeted floor or a
// bed for the mat, a pillow or towel for the ball, a wall or worktop for the support.
const std::set<std::string> household = {"mat", "ball", "support"};

struct Pains {  // the profile's recorded pain by movement key
    std::map<std::string, double> resisted, stretch;
};

std::optional<double> at(const std::map<std::string, double>& m, const std::string& k) {
    auto it = m.find(k);
    if (it == m.end()) return std::nullopt;
    return it->second;
}

bool loads(const SafetyOracle::Item& x, const std::string& movement, const std::set<std::string>& cs) {
    auto it = x.loads.find(movement);
    if (it == x.loads.end()) return false;
    return std::any_of(cs.begin(), cs.end(), [&](const std::string& c) { return it->second.count(c) > 0; });
}

const std::set<std::string> isotonic = {"concentric", "eccentric"};

}  // namespace

SafetyOracle::SafetyOracle(const std::string& knowledge_dir, const KnowledgeGraph& kg) : kg_(kg) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(fs::path(knowledge_dir) / "exercises"))
        if (f.path().extension() == ".json") files.push_back(f.path());
    if (files.empty()) throw std::runtime_error("oracle: no exercise files in " + knowledge_dir);
    for (const auto& file : files) {
        const nlohmann::json doc = read_json(file);
        for (const auto& e : doc.at("exercises")) {
            Item x;
            x.position = e.at("position").get<std::string>();
            x.stance = e.at("stance").get<std::string>();
            x.lies_on = e.value("lies_on", "");
            for (const auto& q : e.at("equipment")) x.equipment.insert(q.get<std::string>());
            for (const auto& pf : e.at("performs"))
                for (const auto& c : pf.at("contractions"))
                    x.loads[pf.at("movement").get<std::string>()].insert(c.get<std::string>());
            for (const auto& pr : e.value("precautions", nlohmann::json::array())) {
                if (pr.at("kind") != "contraindication") continue;
                std::set<std::string> stages(std::begin(stage_names), std::end(stage_names));
                if (pr.contains("stages")) stages = pr.at("stages").get<std::set<std::string>>();
                x.contra.emplace_back(pr.at("condition").get<std::string>(), stages);
            }
            x.therapist = e.value("needs_therapist", false);
            x.partner = e.value("needs_partner", false);
            items_[e.at("id").get<std::string>()] = x;
        }
    }
    const nlohmann::json ladders = read_json(fs::path(knowledge_dir) / "ladders.json");
    for (const auto& l : ladders.at("ladders")) {
        const std::string ladder = l.at("id").get<std::string>();
        int rung = 0;
        for (const auto& r : l.at("rungs")) {
            ++rung;
            for (const auto& ex : r.at("exercises")) items_.at(ex.get<std::string>()).rungs[ladder] = rung;
        }
        rung_count_[ladder] = rung;
    }
}

std::vector<std::string> SafetyOracle::violations(const Profile& p, const Recommendation& r) const {
    std::vector<std::string> out;
    auto fail = [&](const std::string& what) { out.push_back(what); };

    // 5: a red flag always ends in a referral, never a programme; every flag is named.
    const bool referred = !r.referral.empty();
    if (referred != !p.red_flags.empty())
        fail(referred ? "referral without a red flag" : "red flag, no referral");
    if (!p.red_flags.empty()) {
        if (!r.items.empty()) fail("red flag, yet exercises");
        for (auto f : p.red_flags)
            if (std::none_of(r.referral.begin(), r.referral.end(),
                             [&](const auto& x) { return x.red_flag == f; }))
                fail("red flag " + kg_.red_flag(f).key + " not named in the referral");
    }
    if (p.stage && r.stage != *p.stage) fail("the clinician's stage is not used");

    const std::string cond = kg_.condition(p.condition).key;
    const std::string stage = stage_names[static_cast<int>(r.stage)];
    std::set<std::string> equipment, intolerant;
    for (auto e : p.equipment) equipment.insert(kg_.equipment(e).key);
    for (auto [q, tolerated] : p.positions)
        if (!tolerated) intolerant.insert(kg_.position(q).key);
    Pains pain;
    for (auto [m, v] : p.pain.resisted) pain.resisted[kg_.movement(m).key] = v;
    for (auto [m, v] : p.pain.stretch) pain.stretch[kg_.movement(m).key] = v;
    auto resisted = [&](const char* m) { return at(pain.resisted, m); };
    auto stretch = [&](const char* m) { return at(pain.stretch, m); };
    auto above = [](std::optional<double> v, double gate) { return v && *v > gate; };
    // 1: high irritability (rest >= 4, walking >= 6 or pain lasting into the next day).
    const bool high = (p.pain.rest && *p.pain.rest >= 4) || (p.pain.walking && *p.pain.walking >= 6) ||
                      p.pain.lasts_next_day.value_or(false);
    // 3.7, facts.json key_pain: the worse of resisted hip extension and knee flexion.
    std::optional<double> hamstring_key = resisted("hip_extension");
    if (auto k = resisted("knee_flexion"); k && (!hamstring_key || *k > *hamstring_key)) hamstring_key = k;

    for (const auto& item : r.items) {
        const std::string key = kg_.exercise(item.exercise).key;
        const Item& x = items_.at(key);
        auto bad = [&](const std::string& why) { fail(key + ": " + why); };

        // Knowledge contraindications for the condition at this stage.
        for (const auto& [c, stages] : x.contra)
            if (c == cond && stages.count(stage))
                bad("contraindicated for " + c + " in the " + stage + " stage");
        // 4.3 Equipment: all of it (household items are always there).
        for (const auto& e : x.equipment)
            if (!household.count(e) && !equipment.count(e)) bad("needs " + e + ", which the patient lacks");
        // 4.3 Positions, and side lying for gluteal tendinopathy (2.5, 3.6: late if at all).
        if (intolerant.count(x.position)) bad("position " + x.position + " not tolerated");
        if (cond == "gluteal_tendinopathy" && stage != "late" && x.position == "side_lying")
            bad("side lying with gluteal tendinopathy");
        // 4.3 Weight bearing and single-leg stance.
        if (p.weight_bearing == WeightBearing::none && (x.position == "standing" || x.stance != "none"))
            bad("on the legs while non weight bearing");
        if (p.weight_bearing == WeightBearing::partial) {
            if (x.stance == "affected_leg") bad("stands on the affected leg while partial weight bearing");
            if (key == "copenhagen_adduction_short_lever" || key == "copenhagen_adduction_long_lever")
                bad("Copenhagen while partial weight bearing");
            if (p.side == Side::both && x.stance == "other_leg") bad("one-leg standing, both sides partial");
            if (x.stance == "other_leg" && item.dose.per_side) bad("swaps sides: stands on the affected leg");
        }
        // 2.5, 3.6: working the good leg with the top leg means lying on the painful hip.
        if (p.side != Side::both && x.lies_on == "other_side" && item.dose.per_side)
            bad("swaps sides: lies on the painful hip to work the good leg");
        if (p.single_leg_stance_s && *p.single_leg_stance_s < 10 && x.stance == "affected_leg")
            bad("stands on the affected leg with single-leg stance under 10 s");
        // 4.3 Therapist or partner.
        if ((x.therapist || x.partner) && !p.therapist_present) bad("needs a therapist or partner");

        // 2.1 and 3.x: pain gates per condition and movement.
        if ((cond == "adductor_related_groin_pain" || cond == "pubic_related_groin_pain") &&
            above(resisted("hip_adduction"), 3) && loads(x, "hip_adduction", isotonic))
            bad("isotonic adduction with resisted adduction above 3/10");
        if ((cond == "iliopsoas_related_groin_pain" || cond == "hip_flexor_strain") &&
            above(resisted("hip_flexion"), 3) && loads(x, "hip_flexion", isotonic))
            bad("isotonic hip flexion with resisted flexion above 3/10");
        if (cond == "inguinal_related_groin_pain" && resisted("trunk_flexion").value_or(1) > 0 &&
            loads(x, "trunk_flexion", isotonic))
            bad("loaded trunk flexion while resisted abdominal testing is painful or untested");
        if (cond == "hamstring_strain" && (above(stretch("hip_flexion"), 2) || above(hamstring_key, 2)) &&
            loads(x, "hip_flexion", {"stretch"}))
            bad("hamstring lengthening above the 2/10 pain-free gate");
        if ((cond == "iliopsoas_related_groin_pain" || cond == "hip_flexor_strain" ||
             cond == "inguinal_related_groin_pain") &&
            above(stretch("hip_extension"), 0) && loads(x, "hip_extension", {"stretch"}))
            bad("stretch into hip extension while it is painful");
        // 2.4, 4.1 note 6: the heavy adductor rungs need a tested, virtually pain-free adduction.
        if (auto it = x.rungs.find("adductor");
            it != x.rungs.end() && it->second >= 4 && resisted("hip_adduction").value_or(10) > 1)
            bad("heavy adductor rung without a pain-free resisted adduction");

        // 3.x Avoid: the condition's loads, whatever the pain.
        if (cond == "adductor_related_groin_pain" && stage == "early" &&
            loads(x, "hip_abduction", {"concentric", "eccentric", "stretch"}))
            bad("resisted abduction early with adductor-related pain");
        if (cond == "gluteal_tendinopathy" &&
            loads(x, "hip_adduction", {"concentric", "eccentric", "stretch"}))
            bad("loaded adduction with gluteal tendinopathy");
        if (cond == "hamstring_strain" && stage == "early" &&
            (loads(x, "hip_flexion", {"stretch"}) || loads(x, "knee_flexion", {"eccentric"})))
            bad("hamstring lengthening or eccentric early");
        if (cond == "pubic_related_groin_pain" && stage != "late" &&
            (key == "copenhagen_adduction_long_lever" || key == "slide_board_adduction" ||
             key == "lateral_lunge"))
            bad("long-lever adduction with pubic-related pain");
        if (cond == "hip_related_groin_pain" && loads(x, "hip_adduction", {"stretch"}))
            bad("stretch into adduction with hip-related pain");

        // 1: high irritability, isometric work off the legs only.
        if (high) {
            bool iso = !x.loads.empty();
            for (const auto& [m, cs] : x.loads) iso &= cs == std::set<std::string>{"isometric"};
            if (!iso || x.stance != "none") bad("not isometric off the legs with high irritability");
        }
        // Ladder windows: every ladder has one, the rung is inside it (and the narrower ones).
        for (const auto& [ladder, rung] : x.rungs) {
            auto w = window_for(r.stage).find(ladder);
            if (w == window_for(r.stage).end()) {
                bad("on ladder " + ladder + ", which has no window");
                continue;
            }
            Window win = w->second;
            if (high) {
                Window h = high_irritability_window(ladder);
                win = {std::max(win.first, h.first), std::min(win.second, h.second)};
            }
            // 3.2: painful or untested resisted hip flexion, isometric flexion only.
            if (ladder == "hip_flexor" && resisted("hip_flexion").value_or(10) >= 4) win.second = 1;
            if (rung < win.first || rung > win.second)
                bad(ladder + " rung " + std::to_string(rung) + " outside " + std::to_string(win.first) + "-" +
                    std::to_string(win.second));
        }
    }
    return out;
}

}  // namespace rehab::test
