// Checks a Profile built in code (a host's records, not JSON) as the JSON reader checks a file: a
// condition, ids that belong to the knowledge graph, every number within its clinical range
// (profile_limits.hpp) and a consistent history. Pointers name the field as the JSON format would.
#pragma once
#include <string>

#include "core/base/diagnostic.hpp"
#include "core/knowledge/graph.hpp"
#include "core/recommend/profile.hpp"

namespace rehab {

// Adds every problem to `d` (PR003 missing, PR005 unknown id, PR007 out of range, PR008 inconsistent),
// located in `source` (a name for the profile's origin, e.g. "<host>"). True when there was none.
// Recommender::recommend expects a profile that passes; call this first on values built in code.
bool check_profile(const Profile& p, const KnowledgeGraph& kg, Diagnostics& d,
                   const std::string& source = "<profile>");

}  // namespace rehab
