// The bundled knowledge and rules, loaded once for the whole test binary: every test that needs the
// real engine (knowledge graph, compiled clinical rules, the recommender on them) shares this one.
#pragma once
#include <memory>
#include <string>

#include "core/recommend/recommender.hpp"

namespace rehab::test {

inline std::string knowledge_dir() { return std::string(REHAB_SOURCE_DIR) + "/knowledge"; }
inline std::string rules_dir() { return std::string(REHAB_SOURCE_DIR) + "/rules"; }

// The recommender on the bundled knowledge and rules (the test fails when they do not load).
std::shared_ptr<const Recommender> bundled_recommender();
// Its knowledge graph.
std::shared_ptr<const KnowledgeGraph> bundled_kg();

}  // namespace rehab::test
