// Synthetic profiles: per condition a typical patient (age, sex, sports, key movement, long-standing or
// acute), then a target stage whose pain, capabilities and history agree with the clinical reference's
// stage criteria, equipment a home patient might have, and now and then a red flag.
#include "io/suite/profile_generator.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace rehab::io {

using Json = nlohmann::json;

std::int64_t PortableRandom::integer(std::int64_t lo, std::int64_t hi) {
    const std::uint64_t range = static_cast<std::uint64_t>(hi - lo) + 1;
    if (range == 0) return static_cast<std::int64_t>(next());  // the full 64-bit range
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % range;
    std::uint64_t x;
    do x = next();
    while (x >= limit);
    return lo + static_cast<std::int64_t>(x % range);
}

double PortableRandom::real() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double PortableRandom::normal(double mean, double sd) {
    double sum = 0;
    for (int i = 0; i < 12; ++i) sum += real();
    return mean + sd * (sum - 6.0);
}

std::size_t PortableRandom::weighted(const std::vector<int>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    auto x = integer(0, total - 1);
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (x < weights[i]) return i;
        x -= weights[i];
    }
    return weights.size() - 1;
}

namespace {

struct ConditionProfile {
    const char* id;
    int weight;  // relative frequency
    double age_mean, age_sd;
    double male;               // probability
    bool long_standing;        // days since onset: months rather than weeks
    const char* key_movement;  // pain on resisted testing
    const char* stretch;       // pain on stretch into this movement ("" none)
    std::vector<const char*> activities;
    std::vector<const char*> exercises;  // a typical current programme (for histories)
};

const std::vector<ConditionProfile>& conditions() {
    static const std::vector<ConditionProfile> v = {
        {"adductor_related_groin_pain",
         20,
         26,
         6,
         0.9,
         false,
         "hip_adduction",
         "hip_abduction",
         {"kicking", "change_of_direction", "team_sport", "skating", "running"},
         {"adductor_squeeze", "hip_adduction_band", "hip_abduction_band", "side_plank", "single_leg_stance"}},
        {"iliopsoas_related_groin_pain",
         8,
         27,
         7,
         0.8,
         false,
         "hip_flexion",
         "hip_extension",
         {"kicking", "sprinting", "running", "team_sport"},
         {"bent_leg_hip_flexion_band", "bridge", "adductor_squeeze", "dead_bug"}},
        {"inguinal_related_groin_pain",
         5,
         28,
         6,
         0.95,
         true,
         "trunk_flexion",
         "",
         {"kicking", "team_sport", "skating", "change_of_direction"},
         {"transversus_abdominis_activation", "dead_bug", "bridge", "bird_dog"}},
        {"pubic_related_groin_pain",
         5,
         26,
         6,
         0.85,
         true,
         "hip_adduction",
         "hip_abduction",
         {"kicking", "running", "team_sport", "change_of_direction"},
         {"adductor_squeeze", "bridge", "transversus_abdominis_activation", "dead_bug"}},
        {"hip_related_groin_pain",
         12,
         33,
         9,
         0.6,
         true,
         "hip_flexion",
         "",
         {"running", "team_sport", "dancing", "cycling"},
         {"bridge", "clamshell", "hip_external_rotation_band", "step_up"}},
        {"gluteal_tendinopathy",
         12,
         54,
         9,
         0.2,
         true,
         "hip_abduction",
         "",
         {"walking", "running", "dancing"},
         {"bridge", "sit_to_stand", "lateral_band_walk", "double_leg_squat"}},
        {"hamstring_strain",
         15,
         25,
         6,
         0.85,
         false,
         "hip_extension",
         "hip_flexion",
         {"sprinting", "running", "team_sport", "jumping"},
         {"bridge", "single_leg_bridge", "hamstring_extender", "single_leg_stance"}},
        {"piriformis_syndrome",
         5,
         40,
         10,
         0.45,
         true,
         "hip_external_rotation",
         "",
         {"running", "cycling", "walking"},
         {"clamshell", "bridge", "hip_external_rotation_band", "piriformis_stretch"}},
        {"patellofemoral_pain",
         10,
         24,
         8,
         0.4,
         true,
         "knee_extension",
         "",
         {"running", "jumping", "dancing", "cycling"},
         {"hip_abduction_band", "clamshell", "step_up", "double_leg_squat"}},
        {"hip_flexor_strain",
         8,
         24,
         6,
         0.85,
         false,
         "hip_flexion",
         "hip_extension",
         {"kicking", "sprinting", "team_sport"},
         {"bent_leg_hip_flexion_band", "bridge", "dead_bug", "single_leg_stance"}},
    };
    return v;
}

const std::vector<const char*> red_flags = {"fever",
                                            "night_pain",
                                            "unexplained_weight_loss",
                                            "history_of_cancer",
                                            "suspected_fracture",
                                            "neurological_deficit",
                                            "bladder_or_bowel_dysfunction",
                                            "calf_swelling_or_dvt_signs",
                                            "palpable_lump_or_testicular_pain",
                                            "adolescent_hip_pain_with_limp",
                                            "avascular_necrosis_risk"};
const std::vector<int> red_flag_weights = {8, 14, 8, 10, 12, 14, 4, 6, 10, 6, 8};

struct EquipmentOdds {
    const char* id;
    double p;
};
const std::vector<EquipmentOdds> equipment_odds = {
    {"mat", 0.85},           {"resistance_band", 0.7}, {"chair", 0.6}, {"ball", 0.55},
    {"step", 0.5},           {"support", 0.4},         {"bench", 0.3}, {"wobble_board", 0.15},
    {"exercise_bike", 0.15}, {"slide_board", 0.03}};

enum Target { early = 0, mid, late };
const char* stage_names[] = {"early", "mid", "late"};

double round_to(double x, double step) {
    return static_cast<double>(static_cast<long long>(x / step + 0.5)) * step;
}
int clamp_int(double x, int lo, int hi) {
    return std::clamp(static_cast<int>(x + (x < 0 ? -0.5 : 0.5)), lo, hi);
}

class Builder {
public:
    Builder(PortableRandom& r, const ConditionProfile& c, Target t) : r_(r), c_(c), t_(t) {}

    void identity(Json& p) {
        p["age"] = clamp_int(r_.normal(c_.age_mean, c_.age_sd), 16, 85);
        const double x = r_.real();
        p["sex"] = x < 0.005 ? "other" : x < 0.005 + c_.male ? "male" : "female";
        Json acts = Json::array();
        const auto n = r_.integer(1, 2);
        for (std::int64_t i = 0; i < n; ++i) {
            const char* a = c_.activities[static_cast<std::size_t>(
                r_.integer(0, static_cast<std::int64_t>(c_.activities.size()) - 1))];
            if (std::find(acts.begin(), acts.end(), a) == acts.end()) acts.push_back(a);
        }
        p["activity"] = std::move(acts);
        p["condition"] = c_.id;
        p["side"] = r_.chance(0.08) ? "both" : r_.chance(0.5) ? "left" : "right";
        int days;
        if (t_ == early)
            days = c_.long_standing ? static_cast<int>(r_.integer(14, 120))
                                    : static_cast<int>(r_.integer(1, 14));
        else if (t_ == mid)
            days = c_.long_standing ? static_cast<int>(r_.integer(42, 365))
                                    : static_cast<int>(r_.integer(12, 70));
        else
            days = c_.long_standing ? static_cast<int>(r_.integer(90, 540))
                                    : static_cast<int>(r_.integer(35, 120));
        p["days_since_onset"] = days;
        if (r_.chance(0.4)) p["stage"] = stage_names[t_];
    }

    void pain(Json& p) {
        Json pain;
        int rest, walking, key;
        if (t_ == early)
            rest = r_.integer(0, 4), walking = r_.integer(2, 6), key = r_.integer(4, 8);
        else if (t_ == mid)
            rest = r_.chance(0.7) ? 0 : r_.integer(1, 2), walking = r_.integer(0, 3), key = r_.integer(1, 5);
        else
            rest = 0, walking = 0, key = r_.integer(0, 1);
        pain["rest"] = rest;
        pain["walking"] = walking;
        pain["resisted"] = Json{{c_.key_movement, key}};
        if (*c_.stretch && r_.chance(0.6))
            pain["stretch"] = Json{{c_.stretch, std::max(0, key - static_cast<int>(r_.integer(0, 3)))}};
        pain["lasts_next_day"] = t_ == early ? r_.chance(0.3) : t_ == mid ? r_.chance(0.05) : false;
        p["pain"] = std::move(pain);
    }

    void capabilities(Json& p) {
        Json caps;
        if (t_ == early)
            caps["weight_bearing"] = std::vector<const char*>{
                "full", "full", "partial", "none"}[static_cast<std::size_t>(r_.integer(0, 3))];
        else
            caps["weight_bearing"] = "full";
        const double stance = t_ == early ? r_.real(2, 20) : t_ == mid ? r_.real(8, 40) : r_.real(30, 60);
        caps["single_leg_stance_s"] = clamp_int(stance, 0, 600);
        Json positions = Json::object();
        const bool gluteal = std::string(c_.id) == "gluteal_tendinopathy";
        if (r_.chance(0.08)) positions["prone"] = false;
        if (r_.chance(gluteal ? 0.3 : 0.06)) positions["side_lying"] = false;
        if (r_.chance(0.05)) positions["kneeling"] = false;
        if (!positions.empty()) caps["positions"] = std::move(positions);
        if (std::string(c_.key_movement) == "hip_adduction") {
            const double ratio = t_ == early ? r_.real(0.4, 0.7)
                                 : t_ == mid ? r_.real(0.6, 0.85)
                                             : r_.real(0.75, 1.0);
            caps["squeeze_ratio"] = round_to(ratio, 0.01);
        }
        p["capabilities"] = std::move(caps);
    }

    void equipment(Json& p) {
        Json eq = Json::array();
        for (const auto& e : equipment_odds)
            if (r_.chance(e.p)) eq.push_back(e.id);
        p["equipment"] = std::move(eq);
        p["therapist_present"] = r_.chance(0.2);
        p["on_pain_medication"] = r_.chance(0.1);
    }

    void history(Json& p) {
        const int usual = static_cast<int>(r_.integer(0, 2));
        Json programme = Json::array();
        std::vector<std::string> chosen;
        const auto n = r_.integer(2, 4);
        for (std::int64_t i = 0; i < n; ++i) {
            std::string e = c_.exercises[static_cast<std::size_t>(
                r_.integer(0, static_cast<std::int64_t>(c_.exercises.size()) - 1))];
            if (std::find(chosen.begin(), chosen.end(), e) != chosen.end()) continue;
            chosen.push_back(e);
            Json item{{"exercise", e}, {"sets", r_.integer(2, 3)}, {"reps", r_.integer(8, 15)}};
            if (e.find("_band") != std::string::npos)
                item["band"] = std::vector<const char*>{"yellow", "red",
                                                        "green"}[static_cast<std::size_t>(r_.integer(0, 2))];
            programme.push_back(std::move(item));
        }
        // The trend of this patient's sessions: mostly going well, some flat, some flaring.
        const auto trend = r_.weighted({6, 3, 2});
        Json sessions = Json::array();
        int day = static_cast<int>(r_.integer(1, 3));
        const auto count = r_.integer(1, 4);
        for (std::int64_t s = 0; s < count; ++s, day += static_cast<int>(r_.integer(1, 3))) {
            Json logged = Json::array();
            for (const auto& item : programme) {
                const int during = trend == 0   ? static_cast<int>(r_.integer(0, 3))
                                   : trend == 1 ? static_cast<int>(r_.integer(2, 5))
                                                : static_cast<int>(r_.integer(4, 8));
                const int morning = trend == 2 ? usual + static_cast<int>(r_.integer(1, 3))
                                               : usual + static_cast<int>(r_.integer(0, 1));
                Json e{{"exercise", item["exercise"]},
                       {"sets", item["sets"]},
                       {"reps", item["reps"]},
                       {"pain_during", during},
                       {"pain_next_morning", std::min(10, morning)},
                       {"rpe", r_.integer(4, trend == 0 ? 7 : 9)},
                       {"form_kept", trend == 2 ? r_.chance(0.6) : r_.chance(0.95)}};
                if (item.contains("band")) e["band"] = item["band"];
                logged.push_back(std::move(e));
            }
            sessions.push_back(Json{{"day", day}, {"exercises", std::move(logged)}});
        }
        const char* previous = t_ == late && r_.chance(0.5) ? "mid" : stage_names[t_];
        p["history"] = Json{{"previous_stage", previous},
                            {"usual_pain", usual},
                            {"programme", std::move(programme)},
                            {"sessions", std::move(sessions)}};
    }

    void red_flag(Json& p) {
        const char* flag = red_flags[r_.weighted(red_flag_weights)];
        p["red_flags"] = Json::array({flag});
        if (std::string(flag) == "adolescent_hip_pain_with_limp") p["age"] = r_.integer(9, 15);
    }

private:
    PortableRandom& r_;
    const ConditionProfile& c_;
    Target t_;
};

}  // namespace

ProfileGenerator::ProfileGenerator(const GeneratorOptions& options)
    : options_(options), random_(options.seed) {}

Json ProfileGenerator::next() {
    ++count_;
    std::vector<int> weights;
    for (const auto& c : conditions()) weights.push_back(c.weight);
    const auto& condition = conditions()[random_.weighted(weights)];
    const auto target = static_cast<Target>(random_.weighted({20, 65, 15}));
    char id[64];
    std::snprintf(id, sizeof id, "gen-%llu-%llu", static_cast<unsigned long long>(options_.seed),
                  static_cast<unsigned long long>(count_));
    Json p;
    p["id"] = id;
    Builder b(random_, condition, target);
    b.identity(p);
    b.pain(p);
    b.capabilities(p);
    b.equipment(p);
    if (random_.chance(options_.red_flag_rate))
        b.red_flag(p);
    else
        p["red_flags"] = Json::array();
    if (target != early && random_.chance(options_.history_rate)) b.history(p);
    return p;
}

}  // namespace rehab::io
