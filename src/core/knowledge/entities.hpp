// The linked entities of the knowledge base: exercises, conditions, red flags, bands, codes and the
// named kinds, with strong ids where the model had strings. The linker fills them; KnowledgeGraph
// holds them immutable and answers queries over them.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/base/ids.hpp"
#include "core/knowledge/model.hpp"

namespace rehab {

struct Dose {  // a resolved default dose (one stage of one exercise)
    Range sets;
    std::optional<Range> reps, hold_s, duration_min;
    std::string tempo;
    int rest_s = 0;
    int per_week = 0;
    BandId band;  // invalid when no band
    bool per_side = false;
};

struct Performs {
    MovementId movement;
    unsigned contractions = 0;  // bit per Contraction
    Resistance resistance = Resistance::body_weight;
};

struct Works {
    MuscleId muscle;
    bool primary = true;
};

struct Precaution {
    ConditionId condition;
    bool contraindication = false;
    unsigned stages = 0b111;  // bit per Stage
    std::string reason;
    std::vector<ReferenceId> references;
};

struct InstructionVariant {  // the steps for patients with one condition
    ConditionId condition;
    std::vector<std::string> instructions;
    std::vector<ReferenceId> references;
};

struct LadderPlace {  // an exercise's rung (1 = lightest) on one loading ladder
    LadderId ladder;
    int rung = 0;
};

struct Exercise {
    ExerciseId id;
    std::string key, name, source, provenance, purpose, stop_if;
    unsigned stages = 0;  // bit per Stage
    Component component = Component::strength;
    PositionId position;
    Stance stance = Stance::none;
    LiesOn lies_on = LiesOn::none;  // side-lying work only
    std::vector<EquipmentId> equipment;
    bool needs_therapist = false, needs_partner = false;
    std::vector<Performs> performs;
    std::vector<Works> works;
    std::vector<Precaution> precautions;
    std::optional<Dose> dosage[stage_count];
    std::vector<std::string> instructions;
    std::vector<InstructionVariant> instructions_for;  // per condition; at most one each
    std::vector<ReferenceId> references;
    std::vector<LadderPlace> ladders;  // sorted by ladder id
    std::string ladder_note;           // why it is on no ladder
    [[nodiscard]] bool in_stage(Stage s) const { return stages & (1u << static_cast<unsigned>(s)); }
    // The steps a patient with condition `c` follows: the condition's variant, else the general ones.
    [[nodiscard]] const std::vector<std::string>& instructions_of(ConditionId c) const {
        for (const auto& v : instructions_for)
            if (v.condition == c) return v.instructions;
        return instructions;
    }
};

struct Education {  // advice for the patient's day (the handout), with its sources
    std::string text;
    std::vector<ReferenceId> references;
};

struct Protocol {  // a protocol whose core exercises the review keeps through `through` (e.g. Askling's)
    std::string name;
    std::vector<ExerciseId> exercises;
    Stage through = Stage::mid;
    std::vector<ReferenceId> references;
    [[nodiscard]] bool has(ExerciseId e) const {
        for (auto x : exercises)
            if (x == e) return true;
        return false;
    }
};

struct Condition {
    ConditionId id;
    std::string key, name, definition;
    std::vector<MuscleId> involves;
    struct Provoke {
        MovementId movement;
        unsigned contractions = 0;
    };
    std::vector<Provoke> provoked_by;
    MovementId key_movement;
    double pain_ceiling = 5;
    std::vector<ReferenceId> references;
    std::vector<Education> education;
    std::optional<Protocol> protocol;
};

struct Named {                      // movements, muscles, equipment, positions, bands, references, red flags
    std::string key, name, detail;  // detail: description / concern / citation
};

struct RedFlag {
    RedFlagId id;
    std::string key, name, concern, advice;
    Urgency urgency = Urgency::urgent;
    std::vector<ReferenceId> references;
};

struct Band {
    BandId id;
    std::string key, name;
    double force_lb = 0;
};

struct Ladder {
    LadderId id;
    std::string key, name, description, section;
    std::vector<std::string> rung_names;         // rung r (1-based) is rung_names[r - 1]
    std::vector<std::vector<ExerciseId>> rungs;  // per rung, its exercises in id order
    std::vector<ReferenceId> references;
    [[nodiscard]] int rung_count() const { return static_cast<int>(rungs.size()); }
};

struct CodeAlias {
    std::string system, code, match, note;
    ConditionId condition;
};

}  // namespace rehab
