// Loads the knowledge base folder: reads every *.json file under it (sorted), checks each field
// (KB001-KB004, KB007, KB014), merges the entity arrays into one KnowledgeData with a content hash,
// and builds the linked KnowledgeGraph.
#pragma once
#include <memory>
#include <string>

#include "core/base/diagnostic.hpp"
#include "core/knowledge/graph.hpp"
#include "core/knowledge/model.hpp"

namespace rehab::io {

// Reads and checks every file; what could be read is returned even when there are errors.
KnowledgeData read_knowledge_dir(const std::string& dir, Diagnostics& d);

// read_knowledge_dir + KnowledgeGraph::build; null when there are errors (all in d).
std::shared_ptr<const KnowledgeGraph> load_knowledge(const std::string& dir, Diagnostics& d);

// FNV-1a 64-bit hash as 16 lower-case hex digits, continuing from `seed`.
std::uint64_t fnv1a64(const std::string& bytes, std::uint64_t seed = 0xcbf29ce484222325ULL);
std::string to_hex(std::uint64_t value);

}  // namespace rehab::io
