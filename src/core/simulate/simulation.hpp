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
    std::vector<ExerciseId> excluded;  // excluded by a rule at that review (not rendered)
    std::vector<RuleNote> notes;       // warnings of that review (stage transitions, logs)
    std::optional<double> pain_rest, pain_walking, key_pain, single_leg_stance_s,
        squeeze_ratio;           // at the start
    double pain_during_max = 0;  // the highest pain during logged in the week
    double capacity = 0;         // the model patient's capacity at the start of the week
};

// A broken invariant of one review (words: io/render/words/simulation_words).
enum class InvariantKind {
    excluded_in_programme,         // an excluded exercise is in the programme
    contraindicated_in_programme,  // a contraindicated exercise is in the programme
    progressed_over_ceiling,       // progressed although a logged pain during exceeded the ceiling
    progress_regress_flips,        // progressed then regressed more than `max_flips` times in a row
};
const char* to_string(InvariantKind k);

struct Violation {
    int week = 0;
    InvariantKind kind = InvariantKind::excluded_in_programme;
    ExerciseId exercise;    // the programme's exercise
    ExerciseId logged_as;   // progressed_over_ceiling: the exercise whose logged pain was too high
    double pain = 0;        // progressed_over_ceiling: that pain during (0-10)
    std::size_t flips = 0;  // progress_regress_flips: how many in a row
};

struct SimulationResult {
    std::vector<SimulatedWeek> weeks;
    std::optional<Stage> start_stage, final_stage;  // final: the review after the last week
    bool referred = false;
    std::vector<std::string> referral;  // reasons, when referred
    std::vector<Violation> violations;  // broken invariants
};

SimulationResult simulate(const Recommender& r, Profile p, const SimulationOptions& o);

// Invariants of one review; appends what it finds broken to `out`. `last_week` holds the sessions the
// review saw (for "never progressed over the ceiling"); `streaks` tracks progress/regress flips.
struct InvariantState {
    std::vector<std::string> history;  // per exercise index: the sequence of p/r changes
};
void check_review(const Recommender& r, const Profile& p, const Recommendation& rec,
                  const std::vector<LoggedSession>& last_week, int week, InvariantState& state,
                  std::vector<Violation>& out);

}  // namespace rehab
