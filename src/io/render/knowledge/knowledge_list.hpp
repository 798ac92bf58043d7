// `rehab kb list`: the ids a profile or a rule may use, by kind (exercises, conditions, movements,
// muscles, equipment, positions, red flags, bands, references, codes), as an aligned text table or a
// JSON document that names the knowledge version. Deterministic: entities in id order.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/knowledge/graph.hpp"

namespace rehab::io {

enum class KnowledgeKind {
    exercises,
    conditions,
    movements,
    muscles,
    equipment,
    positions,
    red_flags,
    bands,
    references,
    codes,
    ladders
};

// "exercises", "red-flags", ...: every kind in order, as the command line spells it.
const std::vector<std::string>& knowledge_kind_names();
std::optional<KnowledgeKind> knowledge_kind_from(const std::string& name);

// One kind, or every kind when `kind` is empty.
std::string knowledge_list_text(const KnowledgeGraph& kg, std::optional<KnowledgeKind> kind);
std::string knowledge_list_json(const KnowledgeGraph& kg, std::optional<KnowledgeKind> kind);

}  // namespace rehab::io
