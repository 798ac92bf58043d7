// The knowledge base as plain values, as read from files and before it is linked: names are strings.
// The io layer fills a KnowledgeData; KnowledgeGraph::build() links, validates and compiles it.
// Every entity remembers where it came from (file + JSON pointer) so diagnostics can point at it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/base/location.hpp"

namespace rehab {

enum class Stage { early = 0, mid = 1, late = 2 };
enum class Component { strength = 0, balance, motor_control, mobility, trunk };
enum class Contraction { isometric = 0, concentric, eccentric, stretch };
enum class Resistance { body_weight = 0, band, therapist, external_load, none };
enum class Stance { none = 0, both_legs, other_leg, affected_leg };
// Side-lying work: which side the patient lies on, relative to the leg that works (the top leg works:
// the patient lies on the other side; the bottom leg or the trunk works: on the working side).
enum class LiesOn { none = 0, working_side, other_side };
enum class Urgency { emergency = 0, urgent };

inline constexpr int stage_count = 3;
inline constexpr int component_count = 5;
inline constexpr int contraction_count = 4;

const char* to_string(Stage s);
const char* to_string(Component c);
const char* to_string(Contraction c);
const char* to_string(Resistance r);
const char* to_string(Stance s);
const char* to_string(LiesOn l);
const char* to_string(Urgency u);
std::optional<Stage> stage_from(std::string_view s);
std::optional<Component> component_from(std::string_view s);
std::optional<Contraction> contraction_from(std::string_view s);
std::optional<Resistance> resistance_from(std::string_view s);
std::optional<Stance> stance_from(std::string_view s);
std::optional<LiesOn> lies_on_from(std::string_view s);
std::optional<Urgency> urgency_from(std::string_view s);

struct Range {
    double min = 0;
    double max = 0;
};

struct DoseSpec {
    Range sets;
    std::optional<Range> reps;
    std::optional<Range> hold_s;
    std::optional<Range> duration_min;
    std::string tempo;
    int rest_s = 0;
    int per_week = 0;
    std::string band;  // entry band id ("" when none)
    bool per_side = false;
};

struct PerformsSpec {
    std::string movement;
    std::vector<Contraction> contractions;
    Resistance resistance = Resistance::body_weight;
};

struct WorksSpec {
    std::string muscle;
    bool primary = true;
};

struct PrecautionSpec {
    std::string condition;
    bool contraindication = false;
    std::vector<Stage> stages;  // empty: all stages
    std::string reason;
    std::vector<std::string> references;
    Location origin;
};

// Steps of an exercise written for one condition, replacing the general ones for its patients.
struct InstructionVariantSpec {
    std::string condition;
    std::vector<std::string> instructions;
    std::vector<std::string> references;
    Location origin;
};

struct ExerciseSpec {
    std::string id, name, source, provenance;
    std::vector<Stage> stages;
    Component component = Component::strength;
    std::string position;
    Stance stance = Stance::none;
    LiesOn lies_on = LiesOn::none;
    std::vector<std::string> equipment;
    bool needs_therapist = false;
    bool needs_partner = false;
    std::vector<PerformsSpec> performs;
    std::vector<WorksSpec> works;
    std::vector<std::string> progresses_to;
    std::vector<PrecautionSpec> precautions;
    std::optional<DoseSpec> dosage[stage_count];
    std::string purpose;
    std::vector<std::string> instructions;
    std::vector<InstructionVariantSpec> instructions_for;  // per condition, replacing `instructions`
    std::string stop_if;
    std::vector<std::string> references;
    std::string ladder_note;  // why the exercise is on no loading ladder ("" when it is on one)
    Location origin;
};

// A loading ladder: rungs from least to most load on one tissue (clinical reference 2.4-2.6, 4.3).
struct RungSpec {
    std::string name;
    std::vector<std::string> exercises;  // exercise ids
    Location origin;
};

struct LadderSpec {
    std::string id, name, description, section;  // section: of the clinical reference
    std::vector<RungSpec> rungs;                 // lightest first
    std::vector<std::string> references;
    Location origin;
};

struct MuscleSpec {
    std::string id, name, group;
    std::vector<std::string> actions;  // movement ids
    std::vector<std::string> references;
    Location origin;
};

struct ProvokeSpec {
    std::string movement;
    std::vector<Contraction> contractions;
};

struct EducationSpec {  // one piece of advice for the patient, in patient words
    std::string text;
    std::vector<std::string> references;
    Location origin;
};

struct ProtocolSpec {  // a protocol's core exercises, kept through a stage (conditions.json "protocol")
    std::string name;
    std::vector<std::string> exercises;  // exercise ids
    Stage through = Stage::mid;
    std::vector<std::string> references;
    Location origin;
};

struct ConditionSpec {
    std::string id, name, definition;
    std::vector<std::string> involves;  // muscle ids
    std::vector<ProvokeSpec> provoked_by;
    std::string key_movement;
    double pain_ceiling = 5;
    std::vector<EducationSpec> education;
    std::optional<ProtocolSpec> protocol;
    std::vector<std::string> references;
    Location origin;
};

struct SimpleSpec {  // movements, equipment, positions
    std::string id, name, description, region;
    Location origin;
};

struct RedFlagSpec {
    std::string id, name, concern, advice;
    Urgency urgency = Urgency::urgent;
    std::vector<std::string> references;
    Location origin;
};

struct ReferenceSpec {
    std::string id, citation, grade;
    Location origin;
};

struct BandSpec {
    std::string id, name;
    double force_lb = 0;
    Location origin;
};

struct CodeSpec {
    std::string system, code, condition, match, note;
    Location origin;
};

struct KnowledgeData {
    std::string name, version, description;
    std::vector<ReferenceSpec> references;
    std::vector<SimpleSpec> movements, equipment, positions;
    std::vector<MuscleSpec> muscles;
    std::vector<BandSpec> bands;
    std::string band_reference;  // reference id backing the band forces ("" when none)
    Location band_reference_origin;
    std::vector<RedFlagSpec> red_flags;
    std::vector<ConditionSpec> conditions;
    std::vector<CodeSpec> codes;
    std::vector<ExerciseSpec> exercises;
    std::vector<LadderSpec> ladders;
    std::string content_hash;  // hash of the source bytes, set by the loader
};

}  // namespace rehab
