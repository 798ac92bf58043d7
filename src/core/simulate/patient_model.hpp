// The simulated patient of `rehab simulate` (docs/simulation.md): how pain during, next-morning pain,
// effort and form respond to a prescribed dose, and how capacity and the profile's measures change
// from week to week. A deliberately simple, seeded and documented toy model, not a clinical one.
#pragma once
#include <optional>
#include <random>
#include <vector>

#include "core/knowledge/graph.hpp"
#include "core/recommend/profile.hpp"
#include "core/recommend/programme.hpp"

namespace rehab {

class PatientModel {
public:
    PatientModel(const KnowledgeGraph& kg, const Profile& start, unsigned seed);

    // One logged session of one exercise at the prescribed dose.
    LoggedExercise perform(const ProgrammeItem& item, double ceiling, double usual_pain);
    // End of a week: capacity, recovery and the profile's pain and function measures move on.
    void end_week(Profile& p, const std::vector<ProgrammeItem>& programme, double week_pain_max,
                  double ceiling);

    double capacity() const { return capacity_; }
    double demand(const ProgrammeItem& item) const;
    static double key_pain(const KnowledgeGraph& kg, const Profile& p);

private:
    const KnowledgeGraph& kg_;
    std::mt19937 rng_;
    double capacity_ = 1;
    int weeks_within_ = 0;    // consecutive weeks with every logged pain within the ceiling
    std::vector<int> depth_;  // per exercise: steps from the start of its chain
    int completed_ = 0;       // sessions completed this week
    double key_pain_ = 0;     // the profile's pain on the condition's key movement
    std::optional<MovementId> adduction_;

    int depth(ExerciseId e, int guard);
    double noise(double sd);
};

}  // namespace rehab
