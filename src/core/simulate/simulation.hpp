// A simulated course of rehab (docs/simulation.md): each week a model patient logs sessions of the
// current programme, the profile moves on, and the recommender reviews it again. Invariants are
// checked at every review; the result is data for the app to render.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/recommend/profile.hpp"
#include "core/recommend/programme.hpp"
#include "core/recommend/recommender.hpp"

namespace rehab {

struct SimulationOptions {
    int weeks = 6;
    unsigned seed = 1;
    int sessions_per_week = 3;
};

struct SimulatedWeek {
    int week = 0;  // 1-based: the week this programme was performed
    Stage stage = Stage::mid;
    std::vector<ProgrammeItem> programme;  // as reviewed at the start of the week
    std::vector<ProgrammeItem> dropped;
    std::vector<RuleNote> notes;  // warnings of that review (stage transitions, logs)
    std::optional<double> pain_rest, pain_walking, key_pain, single_leg_stance_s,
        squeeze_ratio;           // at the start
    double pain_during_max = 0;  // the highest pain during logged in the week
    double capacity = 0;         // the model patient's capacity at the start of the week
};

struct SimulationResult {
    std::vector<SimulatedWeek> weeks;
    std::optional<Stage> start_stage, final_stage;  // final: the review after the last week
    bool referred = false;
    std::vector<std::string> referral;    // reasons, when referred
    std::vector<std::string> violations;  // broken invariants ("week 3: ...")
};

SimulationResult simulate(const Recommender& r, Profile p, const SimulationOptions& o);

// Invariants of one review; appends "week N: ..." lines to `out`. `last_week` holds the sessions the
// review saw (for "never progressed over the ceiling"); `streaks` tracks progress/regress flips.
struct InvariantState {
    std::vector<std::string> history;  // per exercise index: the sequence of p/r changes
};
void check_review(const Recommender& r, const Profile& p, const Recommendation& rec,
                  const std::vector<LoggedSession>& last_week, int week, InvariantState& state,
                  std::vector<std::string>& out);

}  // namespace rehab
