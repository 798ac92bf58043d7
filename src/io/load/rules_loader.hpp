// Loads rules/*.json into RuleSetData (structure checked: RF001-RF007, RF014), and compiles them
// against the clinical fact schema of a knowledge graph. load_recommender() is the one call a host
// application needs: knowledge + rules in, a shareable, immutable Recommender out.
#pragma once
#include <memory>
#include <string>

#include "core/base/diagnostic.hpp"
#include "core/recommend/recommender.hpp"
#include "core/rules/rule_model.hpp"
#include "core/rules/rule_set.hpp"

namespace rehab::io {

RuleSetData read_rules_dir(const std::string& dir, Diagnostics& d);
// Reads one rules document already in memory (for tests and hosts that keep rules elsewhere).
void read_rules_text(const std::string& text, const std::string& file, RuleSetData& out, Diagnostics& d);

std::shared_ptr<const RuleSet> load_clinical_rules(const std::string& dir,
                                                   std::shared_ptr<const KnowledgeGraph> kg, Diagnostics& d);

std::shared_ptr<const Recommender> load_recommender(const std::string& knowledge_dir,
                                                    const std::string& rules_dir, Diagnostics& d);

}  // namespace rehab::io
