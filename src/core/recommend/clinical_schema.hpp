// The profile's facts for the clinical rules, built from the knowledge graph (one fact per red
// flag, movement pain, position and equipment item), and the conversion of a Profile into values.
#pragma once
#include "core/knowledge/graph.hpp"
#include "core/lang/fact_schema.hpp"
#include "core/recommend/profile.hpp"

namespace rehab {

FactSchema make_clinical_schema(const KnowledgeGraph& kg);

// Fills the profile's input facts into `out` (sized for the rule set's full schema).
// Slots are looked up once per call by name only in this load-time helper's cache (ClinicalSlots).
struct ClinicalSlots {
    FactSlot age, sex, condition, side, days, clinician_stage, previous_stage, pain_rest, pain_walking,
        pain_next_day;
    FactSlot weight_bearing, single_leg_stance, squeeze_ratio, therapist, medication;
    std::vector<FactSlot> activity, red_flag, resisted, stretch, position, equipment;  // by entity index
    static ClinicalSlots resolve(const FactSchema& schema, const KnowledgeGraph& kg);
};

void profile_to_facts(const Profile& p, const ClinicalSlots& slots, FactValues& out);

}  // namespace rehab
