// Links a KnowledgeData (string ids) into dense tables of entities with strong ids plus a flat list
// of typed relations, reporting KB005/KB006/KB009/KB010/KB012/KB013 with file and JSON pointer.
// KnowledgeGraph::build() turns the relations into its graph; this part needs no Boost.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/diagnostic.hpp"
#include "core/knowledge/entities.hpp"
#include "core/knowledge/model.hpp"

namespace rehab {

enum class VertexKind : std::uint8_t {
    exercise,
    muscle,
    movement,
    condition,
    equipment,
    position,
    red_flag,
    reference,
    band,
    ladder
};
inline constexpr std::size_t vertex_kind_count = 10;

enum class Relation : std::uint8_t {
    performs,          // exercise -> movement (mask: contractions)
    works,             // exercise -> muscle (primary)
    produces,          // muscle -> movement (the muscle's actions)
    involves,          // condition -> muscle
    provoked_by,       // condition -> movement (mask: contractions)
    key_movement,      // condition -> movement
    progresses_to,     // exercise -> exercise
    needs,             // exercise -> equipment
    in_position,       // exercise -> position
    precaution,        // exercise -> condition (stages)
    contraindication,  // exercise -> condition (stages)
    cites,             // any entity -> reference
    uses_band,         // exercise -> band (stages)
    on_ladder,         // exercise -> ladder (mask: the rung, 1 = lightest)
    protocol_core,     // condition -> exercise (the core of the condition's protocol)
};

struct Node {
    VertexKind kind = VertexKind::exercise;
    std::uint32_t index = 0;
};

struct Link {
    Relation relation = Relation::cites;
    Node from, to;
    unsigned mask = 0;     // contractions (performs, provoked_by) or stages (precautions, bands)
    bool primary = false;  // works
    std::string pointer;   // where the link is stated, in the file of `from`
};

struct LinkedKnowledge {
    std::string name, version, description, content_hash;
    std::vector<Exercise> exercises;
    std::vector<Condition> conditions;
    std::vector<RedFlag> red_flags;
    std::vector<Band> bands;
    std::vector<Named> muscles, movements, equipment, positions, references;
    std::vector<CodeAlias> codes;
    std::vector<Ladder> ladders;
    std::optional<ReferenceId> band_reference;
    std::array<std::vector<Location>, vertex_kind_count> origins;  // per kind, in id order
    std::array<std::map<std::string, std::uint32_t, std::less<>>, vertex_kind_count> index;
    std::vector<Link> links;

    [[nodiscard]] std::size_t count(VertexKind k) const {
        return origins[static_cast<std::size_t>(k)].size();
    }
    [[nodiscard]] std::optional<std::uint32_t> find(VertexKind k, std::string_view key) const;
};

const char* to_string(VertexKind k);
const char* to_string(Relation r);

// Links and validates every reference; problems go to diags (the result is still complete enough to
// run the graph checks on).
LinkedKnowledge link_knowledge(const KnowledgeData& data, Diagnostics& diags);

}  // namespace rehab
