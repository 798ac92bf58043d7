// The message catalogue for the reason values core returns: why an exercise was not chosen, how the
// knowledge ties a chosen one to the condition, and its precautions. Every renderer (JSON, text,
// handout, explanations, scenario reports) takes its words from here.
#pragma once
#include <string>
#include <vector>

#include "core/recommend/programme.hpp"
#include "core/rules/rule_set.hpp"

namespace rehab::io {

// "does the same job as Bridge, already chosen", "the programme limit of 6 exercises was reached".
std::string not_chosen_text(const KnowledgeGraph& kg, const Evaluation& ev, const NotChosenItem& n);
// "works adductor longus (primary), a tissue involved in adductor-related groin pain".
std::string graph_reason_text(const KnowledgeGraph& kg, const GraphReason& g);
std::vector<std::string> graph_reason_texts(const KnowledgeGraph& kg, const std::vector<GraphReason>& g);
// A rule's warn text followed by " [rule id]", or the knowledge precaution's reason.
std::string precaution_text(const RuleSet& rules, ExerciseId e, const ItemPrecaution& p);
std::vector<std::string> precaution_texts(const RuleSet& rules, const ProgrammeItem& item);

}  // namespace rehab::io
