// Shared pieces of the scenario and batch tests: the bundled engine (loaded once for all tests) and
// a mid-stage adductor profile to build scenarios and batch lines from.
#pragma once
#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/bundled.hpp"
#include "io/load/rules_loader.hpp"

namespace rehab::test {

inline std::shared_ptr<const Recommender> bundled_engine() { return bundled_recommender(); }

// Footballer, adductor-related groin pain, mid stage by the criteria, no history.
inline nlohmann::json adductor_profile(const std::string& id = "p-001") {
    auto p = nlohmann::json::parse(R"({
      "id": "", "age": 27, "sex": "male", "activity": ["kicking"], "condition": "adductor_related_groin_pain",
      "side": "left", "days_since_onset": 21, "red_flags": [],
      "pain": { "rest": 0, "walking": 1, "resisted": { "hip_adduction": 2 }, "lasts_next_day": false },
      "capabilities": { "weight_bearing": "full", "single_leg_stance_s": 25, "squeeze_ratio": 0.7 },
      "equipment": ["resistance_band", "ball", "step", "mat", "bench"], "therapist_present": false,
      "on_pain_medication": false })");
    p["id"] = id;
    return p;
}

// A scenario document around `profile` with the given expectations. A golden document is the
// default for a scenario; these test scenarios opt out unless `expect` says "golden" (or expects an
// input error, which has none).
inline nlohmann::json scenario_doc(const std::string& name, const nlohmann::json& profile,
                                   nlohmann::json expect) {
    if (expect.is_object() && !expect.contains("golden") && !expect.contains("error"))
        expect["golden"] = false;
    return nlohmann::json{{"name", name},
                          {"description", "test scenario"},
                          {"tags", nlohmann::json::array({"test"})},
                          {"profile", profile},
                          {"expect", expect}};
}

}  // namespace rehab::test
