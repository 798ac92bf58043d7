// The card `rehab kb show ID` prints for any entity that is not an exercise: a condition, movement,
// muscle, piece of equipment, position, red flag, band or reference, with what links to it in the
// graph (the exercises that work a muscle, load a movement or need a piece of equipment, ...).
#pragma once
#include <string>
#include <string_view>

#include "core/knowledge/graph.hpp"

namespace rehab::io {

// The cards of every kind holding `key` ("" when none does), in kind order.
std::string render_entity_cards(const KnowledgeGraph& kg, std::string_view key);

}  // namespace rehab::io
