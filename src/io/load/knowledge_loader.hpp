// Loads the knowledge base folder: reads every *.json file under it (sorted), checks each field
// (KB001-KB004, KB007, KB014), merges the entity arrays into one KnowledgeData with a content hash,
// and builds the linked KnowledgeGraph.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/base/diagnostic.hpp"
#include "core/knowledge/graph.hpp"
#include "core/knowledge/model.hpp"

namespace rehab::io {

// One knowledge file already read: its path relative to the folder (part of the content hash), the
// name diagnostics show, and its text.
struct KnowledgeText {
    std::string relative, shown, text;
};

// Reads and checks every file; what could be read is returned even when there are errors.
KnowledgeData read_knowledge_dir(const std::string& dir, Diagnostics& d);
// The same from files in memory, in the order given (a folder's files are sorted); `dir` names the
// whole in diagnostics.
KnowledgeData read_knowledge_texts(const std::vector<KnowledgeText>& files, const std::string& dir,
                                   Diagnostics& d);

// read_knowledge_dir + KnowledgeGraph::build; null when there are errors (all in d).
std::shared_ptr<const KnowledgeGraph> load_knowledge(const std::string& dir, Diagnostics& d);
// read_knowledge_texts + KnowledgeGraph::build (for hosts and the fuzz harness).
std::shared_ptr<const KnowledgeGraph> load_knowledge_texts(const std::vector<KnowledgeText>& files,
                                                           const std::string& dir, Diagnostics& d);

// FNV-1a 64-bit hash as 16 lower-case hex digits, continuing from `seed`.
std::uint64_t fnv1a64(const std::string& bytes, std::uint64_t seed = 0xcbf29ce484222325ULL);
std::string to_hex(std::uint64_t value);

}  // namespace rehab::io
