// The compiled knowledge graph: linked, validated, immutable. Entities are addressed by strong ids;
// relations live in a Boost.Graph graph hidden in knowledge_graph.cpp. Name lookups (find_*) are for
// load time (parsing profiles and rules); run-time queries take and return ids.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/diagnostic.hpp"
#include "core/base/exercise_set.hpp"
#include "core/base/ids.hpp"
#include "core/knowledge/entities.hpp"
#include "core/knowledge/model.hpp"

namespace rehab {

class KnowledgeGraph {
public:
    // Links and validates; returns null when there are errors (all reported in diags).
    static std::shared_ptr<const KnowledgeGraph> build(const KnowledgeData& data, Diagnostics& diags);
    ~KnowledgeGraph();
    KnowledgeGraph(const KnowledgeGraph&) = delete;
    KnowledgeGraph& operator=(const KnowledgeGraph&) = delete;

    const std::string& name() const;
    const std::string& version() const;
    const std::string& content_hash() const;
    const std::string& description() const;
    // The reference backing the band forces ("band_reference"), if any.
    std::optional<ReferenceId> band_reference() const;

    // Entity tables (dense, in id order).
    // Accessors by id take ids this graph made (find_... or its tables); an id from elsewhere throws
    // std::out_of_range. check_profile() reports such ids in a Profile built in code.
    std::size_t exercise_count() const;
    const Exercise& exercise(ExerciseId id) const;
    const std::vector<Exercise>& exercises() const;
    const std::vector<Condition>& conditions() const;
    const Condition& condition(ConditionId id) const;
    const std::vector<RedFlag>& red_flags() const;
    const RedFlag& red_flag(RedFlagId id) const;
    const std::vector<Band>& bands() const;  // light to heavy
    const Band& band(BandId id) const;
    const std::vector<Named>& muscles() const;
    const std::vector<Named>& movements() const;
    const std::vector<Named>& equipment() const;
    const std::vector<Named>& positions() const;
    const std::vector<Named>& references() const;
    const Named& muscle(MuscleId id) const;
    const Named& movement(MovementId id) const;
    const Named& equipment(EquipmentId id) const;
    const Named& position(PositionId id) const;
    const Named& reference(ReferenceId id) const;
    const std::vector<CodeAlias>& codes() const;
    const std::vector<Ladder>& ladders() const;
    const Ladder& ladder(LadderId id) const;

    // Name lookups: load time only.
    std::optional<ExerciseId> find_exercise(std::string_view key) const;
    std::optional<MuscleId> find_muscle(std::string_view key) const;
    std::optional<MovementId> find_movement(std::string_view key) const;
    std::optional<ConditionId> find_condition(std::string_view key) const;
    std::optional<EquipmentId> find_equipment(std::string_view key) const;
    std::optional<PositionId> find_position(std::string_view key) const;
    std::optional<RedFlagId> find_red_flag(std::string_view key) const;
    std::optional<ReferenceId> find_reference(std::string_view key) const;
    std::optional<BandId> find_band(std::string_view key) const;
    std::optional<LadderId> find_ladder(std::string_view key) const;
    // Conditions a code maps to (several when the code is ambiguous).
    std::vector<ConditionId> conditions_for_code(std::string_view code) const;

    // Graph queries (results sorted by id).
    std::vector<ExerciseId> exercises_working(MuscleId m, bool primary_only) const;
    std::vector<ExerciseId> exercises_loading(MovementId m, unsigned contraction_mask) const;
    std::vector<ExerciseId> progressions(ExerciseId e) const;  // direct successors
    std::vector<ExerciseId> regressions(ExerciseId e) const;   // direct predecessors
    std::vector<ExerciseId> chain_after(ExerciseId e) const;   // all reachable forward
    std::vector<ExerciseId> chain_before(ExerciseId e) const;  // all reachable backward
    // Exercises of a stage whose equipment and position are all within what is given.
    std::vector<ExerciseId> exercises_for(Stage s, const std::vector<EquipmentId>& equipment,
                                          const std::vector<PositionId>& positions) const;
    std::vector<MuscleId> condition_muscles(ConditionId c) const;
    std::vector<MovementId> condition_movements(ConditionId c) const;
    std::vector<MovementId> muscle_actions(MuscleId m) const;
    // Exercises on the ladder at rungs low..high (1 = the lightest rung).
    std::vector<ExerciseId> exercises_on(LadderId l, int low, int high) const;

    struct Impl;

private:
    explicit KnowledgeGraph(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace rehab
