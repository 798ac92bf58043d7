// The words for a simulated course's broken invariants (core returns them as Violation values):
// the simulate command's text and JSON and the tests take them from here.
#pragma once
#include <string>

#include "core/simulate/simulation.hpp"

namespace rehab::io {

// "week 3: Copenhagen adduction is in the programme but excluded".
std::string violation_text(const KnowledgeGraph& kg, const Violation& v);

}  // namespace rehab::io
