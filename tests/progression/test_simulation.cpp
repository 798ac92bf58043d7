// `rehab simulate` and the core simulation: a 6-week course for each example profile exits 0 with
// every invariant held; the same seed gives the same course; bad input exits 2; and the Done-when
// example profile with two good sessions progresses.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "../support/cli.hpp"
#include "../support/temp_dir.hpp"
#include "core/simulate/simulation.hpp"
#include "io/load/profile_reader.hpp"
#include "io/render/words/simulation_words.hpp"
#include "progression_fixture.hpp"

using namespace rehab;
using namespace rehab::test;

namespace {

std::string example(const std::string& name) {
    return std::string(REHAB_SOURCE_DIR) + "/examples/profiles/" + name + ".json";
}

std::optional<Profile> read_example(const std::string& name) {
    std::ifstream in(example(name));
    INFO(example(name));
    REQUIRE(in);  // a missing example fails the test, it is never skipped
    std::string text{std::istreambuf_iterator<char>(in), {}};
    Diagnostics d;
    auto p = io::parse_profile_text(text, bundled().knowledge(), example(name), d);
    REQUIRE(p);
    return p;
}

}  // namespace

TEST_CASE("rehab simulate runs a 6-week course for each condition's example profile", "[progression][cli]") {
    int ran = 0;
    for (const auto& c : bundled().knowledge().conditions()) {
        INFO(c.key);
        REQUIRE(std::filesystem::exists(example(c.key)));  // every condition has an example: none skipped
        ++ran;
        const auto r = run_cli({"simulate", example(c.key), "--weeks", "6"});
        INFO(c.key << "\n" << r.out << r.err);
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("Stage reached after 6 week(s)") != std::string::npos);
        CHECK(r.out.find("Invariants: all held") != std::string::npos);
        // A sensible end: six weeks of a course kept within the ceiling never leave a patient in an
        // earlier stage than they started in.
        const auto at = r.out.find("Stage reached after 6 week(s): ");
        REQUIRE(at != std::string::npos);
        const std::string tail = r.out.substr(at);
        auto rank = [](const std::string& s) { return s == "early" ? 0 : s == "mid" ? 1 : 2; };
        const auto colon = tail.find(": ") + 2, open = tail.find(" (started "), close = tail.find(')', open);
        const std::string reached = tail.substr(colon, open - colon);
        const std::string started = tail.substr(open + 10, close - open - 10);
        CHECK(rank(reached) >= rank(started));
    }
    CHECK(ran == static_cast<int>(bundled().knowledge().conditions().size()));  // every condition has one
}

TEST_CASE("rehab simulate --format json gives the week-by-week timeline", "[progression][cli]") {
    REQUIRE(std::filesystem::exists(example("adductor_related_groin_pain")));
    const auto r = run_cli({"simulate", example("adductor_related_groin_pain"), "--format", "json", "--weeks",
                            "3", "--seed", "7", "--sessions-per-week", "2"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["timeline"].size() == 3);
    CHECK(j["ok"] == true);
    CHECK(j["timeline"][0]["programme"][0]["change"] == "new");
    CHECK(j["stage_reached"].is_string());
}

TEST_CASE("rehab simulate exits 2 on bad input", "[progression][cli]") {
    TempDir dir("simulate");
    const auto missing = run_cli({"simulate", dir.file("missing.json")});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find(dir.file("missing.json") + ": error[PR014]: cannot open file for reading") !=
          std::string::npos);
    const std::string bad =
        dir.write("bad.json", "{\"condition\": \"adductor_groin_pain\", \"side\": \"left\", \"age\": 20}");
    const auto r = run_cli({"simulate", bad});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("PR005") != std::string::npos);
    REQUIRE(std::filesystem::exists(example("adductor_related_groin_pain")));
    for (const auto& [option, value] : std::vector<std::pair<std::string, std::string>>{
             {"--weeks", "0"}, {"--weeks", "-3"}, {"--sessions-per-week", "8"}, {"--format", "xml"}}) {
        INFO(option << " " << value);
        const auto usage = run_cli({"simulate", example("adductor_related_groin_pain"), option, value});
        CHECK(usage.exit_code == 64);  // a usage error, before any work
        CHECK(usage.err.find(option) != std::string::npos);
        CHECK(usage.out.empty());
    }
}

TEST_CASE("the simulation is deterministic for a seed and keeps its invariants", "[progression]") {
    Profile p = adductor_patient();
    const SimulationResult a = simulate(bundled(), p, {8, 3, 3});
    const SimulationResult b = simulate(bundled(), p, {8, 3, 3});
    CHECK(a.violations.empty());
    REQUIRE(a.weeks.size() == 8);
    REQUIRE(b.weeks.size() == 8);
    for (std::size_t w = 0; w < a.weeks.size(); ++w) {
        REQUIRE(a.weeks[w].programme.size() == b.weeks[w].programme.size());
        for (std::size_t i = 0; i < a.weeks[w].programme.size(); ++i) {
            CHECK(a.weeks[w].programme[i].exercise == b.weeks[w].programme[i].exercise);
            CHECK(a.weeks[w].programme[i].dose.reps == b.weeks[w].programme[i].dose.reps);
        }
        CHECK(a.weeks[w].pain_during_max == b.weeks[w].pain_during_max);
    }
    for (std::uint32_t seed = 1; seed <= 20; ++seed) {
        INFO("seed " << seed);
        CHECK(simulate(bundled(), p, {10, seed, 3}).violations.empty());
    }
}

TEST_CASE("the invariant check reports an excluded exercise and a progression over the ceiling",
          "[progression]") {
    Profile p = adductor_patient();
    Recommendation rec = bundled().recommend(p);
    REQUIRE_FALSE(rec.excluded.empty());
    ProgrammeItem bad;
    bad.exercise = rec.excluded.front().exercise;
    rec.items.push_back(bad);
    ProgrammeItem up = rec.items.front();
    up.change = Change::progressed;
    rec.items.push_back(up);
    LoggedExercise x;
    x.exercise = up.exercise;
    x.pain_during = 9;
    InvariantState state;
    std::vector<Violation> found;
    check_review(bundled(), p, rec, {{1, {x}}}, 2, state, found);
    std::vector<std::string> out;
    for (const auto& v : found) out.push_back(io::violation_text(bundled().knowledge(), v));
    CHECK(mentions(out, "is in the programme but excluded"));
    CHECK(mentions(out, "was progressed although pain during"));
    CHECK(mentions(out, "reached 9/10, above the ceiling"));
}

TEST_CASE("Done when: the example with two good sessions at the target dose progresses", "[progression]") {
    auto p = read_example("progression_two_good_sessions");
    REQUIRE(p);
    const Recommendation rec = bundled().recommend(*p);
    bool progressed = false;
    for (const auto& i : rec.items)
        progressed |= i.change == Change::progressed || i.change == Change::replaced;
    CHECK(progressed);
}
