// `rehab kb graph`: the knowledge graph as Graphviz DOT that a person can read: every kind the graph
// links (conditions, exercises, muscles, movements, equipment), a legend of node and edge styles, and
// filters to the part around one condition or one exercise. Deterministic (id order).
#pragma once
#include <optional>
#include <string>

#include "core/knowledge/graph.hpp"

namespace rehab::io {

struct DotFilter {
    std::optional<ConditionId>
        condition;                       // its tissues, movements, the exercises for them, contraindications
    std::optional<ExerciseId> exercise;  // its chain, muscles, movements, equipment, the conditions it serves
};

std::string knowledge_to_dot(const KnowledgeGraph& kg, const DotFilter& filter = {});

}  // namespace rehab::io
