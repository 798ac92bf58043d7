// One exercise as a "rehab.exercise/1" JSON document (`GET /v1/knowledge/exercises/{id}`): set-up,
// stages, movements, muscles, chain, precautions, doses per stage, instructions and references, plus
// the clinician's card text; and the progression ladders (`GET /v1/knowledge/ladders`).
#pragma once
#include <string>

#include "core/base/ids.hpp"
#include "core/knowledge/graph.hpp"

namespace rehab::io {

std::string exercise_to_json(const KnowledgeGraph& kg, ExerciseId id);
// Every chain from an exercise with no regression, forward along progresses_to ("rehab.ladders/1").
std::string ladders_to_json(const KnowledgeGraph& kg);

}  // namespace rehab::io
