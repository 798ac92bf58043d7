// An exercise's drawing for the patient handout: one inline SVG (role="img", a <title> and an
// aria-label in plain words) with the start and the end position side by side, the part that
// moves drawn black and thick, the equipment in grey and a band with its fixing point marked.
#pragma once
#include <string>

#include "core/knowledge/entities.hpp"
#include "core/knowledge/graph.hpp"

namespace rehab::io {

// `name` is the exercise's name as the handout prints it. Deterministic: the same exercise and
// knowledge give the same bytes.
std::string exercise_figure_svg(const KnowledgeGraph& kg, const Exercise& e, const std::string& name);

}  // namespace rehab::io
