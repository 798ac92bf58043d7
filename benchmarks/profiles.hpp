// Patient profiles for the benchmarks, built in code against a knowledge graph (ids resolved):
// a spread of conditions, stages, missing data and one red-flag referral.
#pragma once
#include <string>
#include <vector>

#include "core/knowledge/graph.hpp"
#include "core/recommend/profile.hpp"

namespace rehab::bench {

// adductor_mid, hamstring_early, gluteal_sparse, iliopsoas_late, patellofemoral_pain, red_flag_fever.
std::vector<Profile> clinical_profiles(const KnowledgeGraph& kg);
// The profile named `id` from clinical_profiles (aborts when there is none).
Profile clinical_profile(const KnowledgeGraph& kg, const std::string& id);

}  // namespace rehab::bench

namespace rehab::bench {
// The ids of clinical_profiles(), in order (known before any knowledge is loaded).
inline const std::vector<std::string>& profile_ids() {
    static const std::vector<std::string> ids = {"adductor_mid",   "hamstring_early",     "gluteal_sparse",
                                                 "iliopsoas_late", "patellofemoral_pain", "red_flag_fever"};
    return ids;
}
}  // namespace rehab::bench
