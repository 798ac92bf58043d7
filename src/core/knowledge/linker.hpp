// The Linker behind link_knowledge(): internal to the core library. It registers every entity
// id, then resolves references kind by kind into a LinkedKnowledge (knowledge_linker.cpp for the
// simple kinds, exercise_linker.cpp for exercises).
#pragma once
#include "core/knowledge/linked.hpp"

namespace rehab {

unsigned contraction_mask(const std::vector<Contraction>& list);
unsigned stage_mask(const std::vector<Stage>& list);

class Linker {
public:
    Linker(const KnowledgeData& data, Diagnostics& d) : data_(data), d_(d) {}
    LinkedKnowledge run();

private:
    // False (and KB005) when the id is taken; KB013 when its syntax is wrong (still registered).
    bool register_id(VertexKind k, const std::string& id, const Location& origin);
    // The index of `key`, or KB006 at file/pointer with a "did you mean" hint.
    std::optional<std::uint32_t> resolve(VertexKind k, const std::string& key, const std::string& file,
                                         const std::string& pointer);
    // Resolves `key` and records the relation from -> key.
    std::optional<std::uint32_t> link(Relation r, Node from, VertexKind to, const std::string& key,
                                      const Location& where, unsigned mask = 0, bool primary = false);
    std::vector<ReferenceId> link_references(Node from, const std::vector<std::string>& keys,
                                             const Location& list);

    void register_all();
    void link_muscles();
    void link_conditions();
    Protocol link_protocol(Node condition, const ProtocolSpec& s);
    void link_others();  // red flags, band reference, codes
    void link_exercise(const ExerciseSpec& s, std::uint32_t index);
    void link_exercise_body(const ExerciseSpec& s, Exercise& e);
    void link_precautions(const ExerciseSpec& s, Exercise& e);
    void link_instruction_variants(const ExerciseSpec& s, Exercise& e);
    void check_lies_on(const ExerciseSpec& s);
    void link_dosage(const ExerciseSpec& s, Exercise& e);
    void link_ladders();  // ladder_linker.cpp: rungs, KB015-KB017
    void check_ladder_chains();

    const KnowledgeData& data_;
    Diagnostics& d_;
    LinkedKnowledge out_;
    std::vector<const MuscleSpec*> muscles_;  // registered specs, in id order
    std::vector<const RedFlagSpec*> red_flags_;
    std::vector<const ConditionSpec*> conditions_;
    std::vector<const ExerciseSpec*> exercises_;
    std::vector<const LadderSpec*> ladders_;
};

}  // namespace rehab
