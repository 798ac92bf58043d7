// Reads a patient profile (JSON, docs/profile-format.md) into a core Profile: every field is checked
// and every id is resolved against the knowledge graph, and all problems are reported at once
// (PR001-PR008, file + JSON pointer) instead of stopping at the first.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/base/diagnostic.hpp"
#include "core/knowledge/graph.hpp"
#include "core/recommend/profile.hpp"

namespace rehab::io {

// Checks and converts one profile object. `pointer_prefix` is prepended to every JSON pointer (for a
// profile embedded in a larger document). Returns nullopt when any error was reported.
// Codes: PR002 wrong type, PR003 missing required field, PR004 unknown field, PR005 unknown id,
// PR006 ambiguous condition code, PR007 out of range / not in the enumeration, PR008 inconsistent data.
std::optional<Profile> read_profile(const nlohmann::json& doc, const KnowledgeGraph& kg,
                                    const std::string& file, Diagnostics& d,
                                    const std::string& pointer_prefix = "");

// Parses the text (PR001 with line:column when it is not JSON or nests objects and arrays more than
// io::max_profile_depth levels; PR014 when it is larger than io::max_profile_bytes), then read_profile.
std::optional<Profile> parse_profile_text(const std::string& text, const KnowledgeGraph& kg,
                                          const std::string& file, Diagnostics& d);

}  // namespace rehab::io
