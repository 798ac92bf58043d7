// Plain-text exercise card for clinicians (`rehab kb show`): identity and provenance, set-up,
// instructions, muscles and movements, progression chain, precautions, default dosage per stage
// and the references behind it.
#pragma once
#include <string>

#include "core/base/ids.hpp"
#include "core/knowledge/graph.hpp"

namespace rehab::io {

std::string render_exercise_card(const KnowledgeGraph& kg, ExerciseId id);

// "2", "2-3": a range as a clinician writes it.
std::string format_range(const Range& r);
// One dose on one line: "2-3 sets x 10-15 reps, tempo 1-0-3, rest 60 s, 3x/week, band Red".
std::string format_dose(const KnowledgeGraph& kg, const Dose& dose);

}  // namespace rehab::io
