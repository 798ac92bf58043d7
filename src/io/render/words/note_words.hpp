// The message catalogue for the Notes core returns (progression reasons, log verdicts, review and
// selection warnings), and the dose and number formats they use. Every renderer (text, JSON,
// simulate, scenario reports) takes these words from here.
#pragma once
#include <string>
#include <vector>

#include "core/recommend/programme.hpp"
#include "core/rules/rule_set.hpp"

namespace rehab::io {

// "3 x 12, hold 10 s, Red band"; numbers as "2" or "2.5".
std::string format_dose(const KnowledgeGraph& kg, const PrescribedDose& d);
std::string format_number(double v);
// "reps 10 -> 12", "band Yellow -> Red, reps back to 10".
std::string step_text(const KnowledgeGraph& kg, const DoseStep& s);

// "pain during 4/10 in session day 3 is above the ceiling of 3/10 [ceiling.groin_and_acute]".
std::string note_text(const RuleSet& rules, const Note& n);
std::vector<std::string> note_texts(const RuleSet& rules, const std::vector<Note>& notes);
// A warning: the rule's warn text, or the words of the review's note.
std::string warning_text(const RuleSet& rules, const RuleNote& w);

}  // namespace rehab::io
