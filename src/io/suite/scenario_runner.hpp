// Runs scenarios against one loaded Recommender: reads the profile, recommends, checks each
// expectation (saying which failed, why, and the engine's own explanation for the exercise), compares
// or rewrites the golden output, and gathers coverage over the run (rules never fired, exercises
// never recommended, conditions without a scenario).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/recommend/recommender.hpp"
#include "io/suite/scenario.hpp"

namespace rehab::io {

struct ExpectationFailure {
    std::string expectation;  // "exclude hip_adduction_band"
    std::string message;      // what the engine did instead
    std::string explanation;  // the engine's explanation for the exercise concerned, if any
};

enum class ScenarioStatus { pass, fail, error };  // error: the scenario file itself is invalid
const char* to_string(ScenarioStatus s);

struct ScenarioResult {
    std::string name, file;
    ScenarioStatus status = ScenarioStatus::pass;
    std::size_t checks = 0;  // expectations checked
    std::vector<ExpectationFailure> failures;
    std::vector<std::string> notes;  // e.g. "golden output written to ..."
    double seconds = 0;
};

struct CoverageReport {
    std::vector<std::string> rules_never_fired;            // rule ids
    std::vector<std::string> exercises_never_recommended;  // exercise ids
    std::vector<std::string> conditions_without_scenario;  // condition ids
    std::size_t rules = 0, exercises = 0, conditions = 0;
};

// Checks a recommendation against expectations; appends failures and returns the number of checks.
// (Exposed for tests; run() calls it.)
std::size_t check_expectations(const Recommender& r, const Recommendation& rec, const Profile& profile,
                               const Expectations& e, std::vector<ExpectationFailure>& failures);

// The engine's explanation of one exercise's place in `rec`, in one line of plain words.
std::string describe_exercise(const Recommender& r, const Recommendation& rec, ExerciseId e);

class ScenarioRunner {
public:
    explicit ScenarioRunner(std::shared_ptr<const Recommender> recommender, bool update_golden = false);

    ScenarioResult run(const Scenario& s);
    // A scenario file that could not be read: an error row, with its diagnostics as the message.
    ScenarioResult invalid(const std::string& file, const Diagnostics& d);
    [[nodiscard]] CoverageReport coverage() const;
    [[nodiscard]] const Recommender& recommender() const { return *r_; }

private:
    std::shared_ptr<const Recommender> r_;
    bool update_golden_;
    std::vector<bool> rule_fired_, exercise_chosen_, condition_seen_;

    void check_error(const Scenario& s, const Diagnostics& d, bool accepted, ScenarioResult& out) const;
    void check_golden(const Scenario& s, const Recommendation& rec, const Profile& p,
                      ScenarioResult& out) const;
    void note_coverage(const Scenario& s, const Recommendation* rec);
};

}  // namespace rehab::io
