// The benchmark patients. Every id is looked up by name, so they work on the bundled knowledge and on
// synthetic knowledge bases (which keep the bundled conditions, movements and equipment).
#include "profiles.hpp"

#include <cstdio>
#include <cstdlib>

namespace rehab::bench {

namespace {

template <class T>
T must(std::optional<T> v, const char* what) {
    if (!v) {
        std::fprintf(stderr, "FATAL: benchmark profile names unknown %s\n", what);
        std::abort();
    }
    return *v;
}

void equip(Profile& p, const KnowledgeGraph& kg, std::initializer_list<const char*> names) {
    for (const char* n : names) p.equipment.push_back(must(kg.find_equipment(n), n));
}

Profile adductor_mid(const KnowledgeGraph& kg) {
    Profile p;
    p.id = "adductor_mid";
    p.age = 24, p.sex = "male", p.activity = {"kicking", "running", "team_sport"};
    p.condition = must(kg.find_condition("adductor_related_groin_pain"), "condition");
    p.side = Side::left;
    p.days_since_onset = 42;
    p.pain.rest = 0, p.pain.walking = 1, p.pain.lasts_next_day = false;
    p.pain.resisted = {{must(kg.find_movement("hip_adduction"), "movement"), 3}};
    p.pain.stretch = {{must(kg.find_movement("hip_abduction"), "movement"), 2}};
    p.weight_bearing = WeightBearing::full;
    p.single_leg_stance_s = 35, p.squeeze_ratio = 0.8;
    equip(p, kg, {"resistance_band", "ball", "mat", "step", "bench"});
    return p;
}

Profile hamstring_early(const KnowledgeGraph& kg) {
    Profile p;
    p.id = "hamstring_early";
    p.age = 31, p.sex = "female", p.activity = {"sprinting"};
    p.condition = must(kg.find_condition("hamstring_strain"), "condition");
    p.side = Side::right;
    p.days_since_onset = 4;
    p.pain.rest = 3, p.pain.walking = 4, p.pain.lasts_next_day = true;
    p.pain.resisted = {{must(kg.find_movement("hip_extension"), "movement"), 6},
                       {must(kg.find_movement("knee_flexion"), "movement"), 5}};
    p.weight_bearing = WeightBearing::partial;
    p.single_leg_stance_s = 8;
    equip(p, kg, {"mat"});
    p.on_pain_medication = true;
    return p;
}

Profile gluteal_sparse(const KnowledgeGraph& kg) {  // most facts unknown
    Profile p;
    p.id = "gluteal_sparse";
    p.condition = must(kg.find_condition("gluteal_tendinopathy"), "condition");
    p.pain.rest = 2;
    return p;
}

Profile iliopsoas_late(const KnowledgeGraph& kg) {
    Profile p;
    p.id = "iliopsoas_late";
    p.age = 19, p.sex = "male", p.activity = {"kicking", "change_of_direction"};
    p.condition = must(kg.find_condition("iliopsoas_related_groin_pain"), "condition");
    p.days_since_onset = 90;
    p.stage = Stage::late;
    p.pain.rest = 0, p.pain.walking = 0, p.pain.lasts_next_day = false;
    p.pain.resisted = {{must(kg.find_movement("hip_flexion"), "movement"), 1}};
    p.weight_bearing = WeightBearing::full;
    p.single_leg_stance_s = 45;
    equip(p, kg,
          {"resistance_band", "step", "ball", "bench", "chair", "mat", "wobble_board", "slide_board",
           "exercise_bike", "support"});
    p.therapist_present = true;
    p.history.previous_stage = Stage::mid;
    return p;
}

Profile patellofemoral(const KnowledgeGraph& kg) {
    Profile p;
    p.id = "patellofemoral_pain";
    p.age = 45, p.sex = "female", p.activity = {"running", "cycling"};
    p.condition = must(kg.find_condition("patellofemoral_pain"), "condition");
    p.days_since_onset = 120;
    p.pain.rest = 1, p.pain.walking = 2, p.pain.lasts_next_day = false;
    p.pain.resisted = {{must(kg.find_movement("knee_extension"), "movement"), 4}};
    p.weight_bearing = WeightBearing::full;
    p.single_leg_stance_s = 25;
    p.positions = {{must(kg.find_position("kneeling"), "position"), false}};
    equip(p, kg, {"resistance_band", "step", "chair"});
    return p;
}

Profile red_flag_fever(const KnowledgeGraph& kg) {
    Profile p = adductor_mid(kg);
    p.id = "red_flag_fever";
    p.condition = must(kg.find_condition("hip_related_groin_pain"), "condition");
    p.red_flags = {must(kg.find_red_flag("fever"), "red flag")};
    return p;
}

}  // namespace

std::vector<Profile> clinical_profiles(const KnowledgeGraph& kg) {
    return {adductor_mid(kg),   hamstring_early(kg), gluteal_sparse(kg),
            iliopsoas_late(kg), patellofemoral(kg),  red_flag_fever(kg)};
}

Profile clinical_profile(const KnowledgeGraph& kg, const std::string& id) {
    for (auto& p : clinical_profiles(kg))
        if (p.id == id) return p;
    std::fprintf(stderr, "FATAL: no benchmark profile '%s'\n", id.c_str());
    std::abort();
}

}  // namespace rehab::bench
