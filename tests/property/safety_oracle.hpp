// An independent oracle for the safety properties: its own reading of knowledge/*.json (nlohmann, no
// KnowledgeGraph queries, no selectors, no rules) and its own statement in C++ of the clinical
// reference's safety rules (clinical.md 2.1, 3.x Avoid, 4.3, 5; the ladder windows of docs/ladders.md).
// violations() lists every way one recommendation breaks them; empty means the programme is safe.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/knowledge/graph.hpp"
#include "core/recommend/profile.hpp"
#include "core/recommend/programme.hpp"

namespace rehab::test {

class SafetyOracle {
public:
    // Reads the exercises and ladders from the knowledge folder; the graph is used only to turn the
    // profile's and the recommendation's ids into their keys.
    SafetyOracle(const std::string& knowledge_dir, const KnowledgeGraph& kg);

    // Every safety rule the recommendation breaks for the profile, one line each.
    [[nodiscard]] std::vector<std::string> violations(const Profile& p, const Recommendation& r) const;

    struct Item {                               // one exercise as the oracle reads it from the JSON
        std::string position, stance, lies_on;  // lies_on: side-lying work ("" otherwise)
        std::set<std::string> equipment;
        std::map<std::string, std::set<std::string>> loads;                 // movement -> contractions
        std::vector<std::pair<std::string, std::set<std::string>>> contra;  // condition, stages
        std::map<std::string, int> rungs;                                   // ladder -> rung
        bool therapist = false, partner = false;
    };
    [[nodiscard]] const std::map<std::string, Item>& items() const { return items_; }

private:
    const KnowledgeGraph& kg_;
    std::map<std::string, Item> items_;
    std::map<std::string, int> rung_count_;
};

}  // namespace rehab::test
