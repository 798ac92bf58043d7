// The clinical decision aid: load once (knowledge + compiled clinical rules), then recommend()
// for many profiles from many threads. It runs the engine, then assembles the programme: refer,
// or pick exercises within limits and components, dose them, order them, and explain each step.
#pragma once
#include <memory>
#include <optional>

#include "core/recommend/clinical_schema.hpp"
#include "core/recommend/programme.hpp"
#include "core/recommend/progression.hpp"
#include "core/rules/engine.hpp"
#include "core/rules/rule_set.hpp"

namespace rehab {

// The core's safety guard, independent of the rules (the second line of defence after the
// `safety.contraindicated` rule): takes out of `eligible` every exercise the knowledge contraindicates
// for the condition at the stage. select() applies it after the rules' exclusions.
void remove_contraindicated(const KnowledgeGraph& kg, ConditionId condition, Stage stage,
                            ExerciseSet& eligible);

class Recommender {
    struct Key {  // only create() can make one: the constructor below is not for callers
        explicit Key() = default;
    };

public:
    // `rules` must have been compiled against make_clinical_schema(knowledge) and declare the
    // derived facts `stage` (early, mid, late) and `irritability`; reports RC001 otherwise.
    static std::shared_ptr<const Recommender> create(std::shared_ptr<const RuleSet> rules,
                                                     Diagnostics& diags);

    Recommendation recommend(const Profile& profile, bool trace = true) const;
    void recommend(const Profile& profile, Recommendation& out, bool trace) const;

    const RuleSet& rules() const { return engine_.rules(); }
    const KnowledgeGraph& knowledge() const { return engine_.rules().knowledge(); }
    const Engine& engine() const { return engine_; }
    const ClinicalSlots& slots() const { return slots_; }
    FactSlot stage_slot() const { return stage_; }
    // The derived facts the progression review reads, resolved once (absent when the rules lack them).
    const ProgressionSlots& progression_slots() const { return progression_; }
    bool same_job(ExerciseId a, ExerciseId b) const { return same_job_[a.value].contains(b); }
    std::optional<FactSlot> fact(std::string_view name) const { return rules().schema().find(name); }

    Recommender(Key, std::shared_ptr<const RuleSet> rules);  // see create()

private:
    Engine engine_;
    ClinicalSlots slots_{};
    FactSlot stage_ = 0, irritability_ = 0;
    ProgressionSlots progression_;
    std::vector<ExerciseSet> same_job_;          // per exercise: exercises that do the same job
    std::vector<std::uint32_t> stage_rules_[3];  // per stage: rules whose firing sets that stage

    // The steps of recommend(), in order.
    void evaluate(const Profile& profile, Recommendation& out, bool trace) const;
    void stage(Recommendation& out) const;
    void refer(Recommendation& out) const;
    void select(Recommendation& out) const;
    void dose(Recommendation& out) const;
    void review(const Profile& profile, Recommendation& out) const;
    void account(const Profile& profile, Recommendation& out) const;
    void explain_items(Recommendation& out) const;
    void next_stage_criteria(Recommendation& out) const;
    void index_stage_rules();
};

}  // namespace rehab
