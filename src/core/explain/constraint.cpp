// The canonical rule-language text of a Constraint ("<= 3", "pain.resisted.hip_adduction <= 3"), as a
// rule author writes it; clinician-facing words for it are in io/render.
#include "core/explain/constraint.hpp"

namespace rehab {

std::string Constraint::needs() const { return std::string(to_string(op)) + " " + value_text; }
std::string Constraint::text() const { return fact + " " + needs(); }

}  // namespace rehab
