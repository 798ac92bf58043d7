// One-step dose changes in the order of clinical.md 2.3, checked directly on the knowledge ranges:
// reps (+2) -> hold (+5 s) -> sets -> band (reps back to the bottom), and the reverse.
#include "core/recommend/review/review_detail.hpp"
#include "progression_fixture.hpp"

using namespace rehab;
using namespace rehab::test;

namespace {

struct Stepper {
    const KnowledgeGraph& kg = bundled().knowledge();
    DoseLimits limits;
    PrescribedDose dose;
    explicit Stepper(const std::string& key) {
        const Exercise& e = kg.exercise(ex(key));
        dose = entry_dose(bundled().rules(), e.id, Stage::mid,
                          bundled().recommend(adductor_patient()).evaluation);
        limits = dose_limits(kg, e, Stage::mid, dose);
    }
    std::vector<std::string> climb() {
        std::vector<std::string> steps;
        while (const DoseStep s = step_up(dose, limits)) steps.push_back(io::step_text(kg, s));
        return steps;
    }
    std::vector<std::string> descend() {
        std::vector<std::string> steps;
        while (const DoseStep s = step_down(dose, limits)) steps.push_back(io::step_text(kg, s));
        return steps;
    }
};

}  // namespace

TEST_CASE("band exercise: reps - then sets - then three band colours - each with reps back to the bottom",
          "[progression]") {
    Stepper s(
        "hip_abduction_band");  // mid: 2-3 sets, 10-15 reps, entry band yellow; low irritability: 3 sets
    REQUIRE(s.dose.sets == 3);
    const auto up = s.climb();
    REQUIRE(up.size() == 3 + 3 * 4);  // 10->12->14->15, then per colour: band + 3 rep steps
    CHECK(up[0] == "reps 10 -> 12");
    CHECK(up[2] == "reps 14 -> 15");
    CHECK(up[3] == "band Yellow -> Red, reps back to 10");
    CHECK(s.dose.band == band("blue"));
    CHECK(s.dose.reps == 15);
    const auto down = s.descend();  // reps first, then sets, then the band (issue 14, finding 11)
    CHECK(down.front() == "reps 15 -> 13");
    CHECK(down[3] == "sets 3 -> 2");
    CHECK(down[4] == "band Blue -> Green");
    CHECK(s.dose.band == band("yellow"));
    CHECK(s.dose.sets == 2);
    CHECK(s.dose.reps == 10);
}

TEST_CASE("hold exercise: hold time in 5 s steps - capped at the top of the range", "[progression]") {
    Stepper s("single_leg_stance");  // mid: 4 sets, hold 20-30 s
    const auto up = s.climb();
    CHECK(up == std::vector<std::string>{"hold 20 s -> 25 s", "hold 25 s -> 30 s"});
    CHECK(s.descend() == std::vector<std::string>{"hold 30 s -> 25 s", "hold 25 s -> 20 s"});
}

TEST_CASE("an exercise whose range is a single dose is already at its top and bottom", "[progression]") {
    Stepper s("adductor_squeeze");  // mid: 3 x 10, hold 10 s
    CHECK(s.climb().empty());
    CHECK(s.descend().empty());
}

TEST_CASE("doses are formatted for people", "[progression]") {
    Stepper s("hip_abduction_band");
    CHECK(io::format_dose(s.kg, s.dose) == "3 x 10, Yellow band");
    CHECK(io::format_number(2.5) == "2.5");
    CHECK(io::format_number(3) == "3");
}
