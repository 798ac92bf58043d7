// Properties of progression over a few hundred generated profiles with generated programmes and
// logs (fixed seeds): never an excluded or contraindicated exercise, never progressed over the pain
// ceiling, every current exercise accounted for, and the same history always gives the same result.
#include <random>

#include "../property/profile_generator.hpp"
#include "progression_fixture.hpp"

using namespace rehab;
using namespace rehab::test;

namespace {

class HistoryGenerator {
public:
    explicit HistoryGenerator(std::uint32_t seed) : rng_(seed) {}

    void fill(Profile& p) {
        const KnowledgeGraph& kg = bundled().knowledge();
        const int n = 1 + roll(7);
        for (int i = 0; i < n; ++i) {
            const ExerciseId e(static_cast<std::uint32_t>(roll(static_cast<int>(kg.exercise_count()))));
            bool dup = false;
            for (const auto& pe : p.history.programme) dup |= pe.exercise == e;
            if (dup) continue;
            PrescribedExercise pe{e, 1 + roll(4), std::nullopt, std::nullopt, std::nullopt};
            if (chance(80)) pe.reps = 4 + roll(14);
            if (chance(40)) pe.hold_s = 5 + roll(40);
            if (chance(50))
                pe.band = BandId(static_cast<std::uint32_t>(roll(static_cast<int>(kg.bands().size()))));
            p.history.programme.push_back(pe);
        }
        if (chance(70)) p.history.usual_pain = roll(5);
        if (chance(70)) p.history.previous_stage = static_cast<Stage>(roll(3));
        int day = roll(5);
        const int sessions = roll(7);
        for (int s = 0; s < sessions; ++s, day += 1 + roll(4)) {
            LoggedSession session{day, {}};
            for (const auto& pe : p.history.programme)
                if (chance(85)) session.exercises.push_back(log(pe));
            if (chance(5)) session.exercises.push_back(log(PrescribedExercise{ExerciseId(0), 2, 10, {}, {}}));
            p.history.sessions.push_back(session);
        }
    }

    bool chance(int percent) { return roll(100) < percent; }
    int roll(int n) { return static_cast<int>(rng_() % static_cast<std::uint32_t>(n)); }

private:
    std::mt19937 rng_;

    LoggedExercise log(const PrescribedExercise& pe) {
        LoggedExercise x{pe.exercise, {}, {}, {}, {}, {}, {}, {}, {}};
        if (chance(90)) x.sets = std::max(1, pe.sets.value_or(2) - (chance(20) ? 1 : 0));
        if (chance(90)) x.reps = pe.reps.value_or(10) + (chance(20) ? -2 : 0);
        if (pe.hold_s && chance(90)) x.hold_s = *pe.hold_s;
        x.band = pe.band;
        if (chance(92)) x.pain_during = roll(9) + (chance(20) ? 0.5 : 0);
        if (chance(90)) x.pain_next_morning = roll(6);
        if (chance(90)) x.rpe = 3 + roll(7);
        if (chance(90)) x.form_kept = chance(85);
        return x;
    }
};

bool contraindicated(const Exercise& ex, ConditionId c, Stage s) {
    for (const auto& pr : ex.precautions)
        if (pr.contraindication && pr.condition == c && (pr.stages & (1u << static_cast<unsigned>(s))))
            return true;
    return false;
}

std::optional<double> ceiling(const Recommendation& rec) {
    auto slot = bundled().fact("pain_ceiling");
    if (slot && rec.evaluation.facts.get(*slot).known) return rec.evaluation.facts.get(*slot).value;
    return std::nullopt;
}

// Pain during above the ceiling in a session of `e` within the week up to the last logged day.
bool over_ceiling(const Profile& p, ExerciseId e, double limit) {
    int last = 0;
    for (const auto& s : p.history.sessions) last = std::max(last, s.day);
    for (const auto& s : p.history.sessions)
        for (const auto& x : s.exercises)
            if (x.exercise == e && s.day > last - 7 && x.pain_during && *x.pain_during > limit) return true;
    return false;
}

template <class F>
void for_generated(std::uint32_t seed, int count, F&& check) {
    ProfileGenerator profiles(bundled().knowledge(), seed);
    HistoryGenerator histories(seed + 1000);
    for (int i = 0; i < count; ++i) {
        Profile p = profiles.next();
        histories.fill(p);
        check(p);
    }
}

}  // namespace

TEST_CASE("progression never reaches an excluded or contraindicated exercise", "[progression][property]") {
    const KnowledgeGraph& kg = bundled().knowledge();
    int items = 0, with_exclusions = 0;
    for_generated(11, 300, [&](const Profile& p) {
        const Recommendation rec = bundled().recommend(p);
        ExerciseSet excluded(kg.exercise_count()), seen(kg.exercise_count());
        for (const auto& x : rec.excluded) excluded.insert(x.exercise);
        with_exclusions += rec.excluded.empty() || rec.items.empty() ? 0 : 1;
        for (const auto& item : rec.items) {
            ++items;
            INFO(p.id << " " << kg.exercise(item.exercise).key);
            CHECK_FALSE(excluded.contains(item.exercise));
            CHECK_FALSE(contraindicated(kg.exercise(item.exercise), p.condition, rec.stage));
            CHECK_FALSE(seen.contains(item.exercise));
            seen.insert(item.exercise);
            CHECK(item.dose.sets >= 1);
        }
        for (const auto& d : rec.dropped) CHECK(item_for(rec.items, d.exercise) == nullptr);
    });
    CHECK(items > 500);            // 300 generated profiles (721 items): programmes were examined
    CHECK(with_exclusions > 100);  // and most of them had exclusions to compare against
}

TEST_CASE("an exercise whose logged pain was over the ceiling this week is never progressed",
          "[progression][property]") {
    const KnowledgeGraph& kg = bundled().knowledge();
    int checked = 0;
    for_generated(22, 300, [&](const Profile& p) {
        const Recommendation rec = bundled().recommend(p);
        const auto limit = ceiling(rec);
        if (rec.referred() || !limit) return;
        for (const auto& item : rec.items) {
            const ExerciseId logged_as = item.change == Change::replaced ? item.replaces : item.exercise;
            if (!over_ceiling(p, logged_as, *limit)) continue;
            ++checked;
            INFO(p.id << " " << kg.exercise(item.exercise).key);
            CHECK(item.change != Change::progressed);
            if (item.change == Change::replaced) {
                const auto after = kg.chain_after(item.replaces);
                CHECK(std::find(after.begin(), after.end(), item.exercise) == after.end());
            }
        }
    });
    CHECK(checked > 50);
}

// Issue 14, finding 12: every current exercise is in exactly one of the programme, `excluded`,
// `not_chosen` and `dropped`; one replaced is in `dropped`, with the exercise that replaces it.
TEST_CASE("every current exercise is kept - changed - replaced or dropped exactly once",
          "[progression][property]") {
    int examined = 0;
    for_generated(33, 300, [&](const Profile& p) {
        const Recommendation rec = bundled().recommend(p);
        for (const auto& pe : p.history.programme) {
            ++examined;
            int found = 0, replacing = 0;
            for (const auto& i : rec.items) {
                found += i.exercise == pe.exercise;
                replacing += i.replaces == pe.exercise;
            }
            const ProgrammeItem* dropped = nullptr;
            for (const auto& d : rec.dropped)
                if (d.exercise == pe.exercise) ++found, dropped = &d;
            for (const auto& x : rec.excluded) found += x.exercise == pe.exercise;
            for (const auto& x : rec.not_chosen) found += x.exercise == pe.exercise;
            INFO(p.id << " " << bundled().knowledge().exercise(pe.exercise).key);
            CHECK(found == 1);
            if (replacing > 0) CHECK(dropped != nullptr);
            if (rec.referred()) CHECK(dropped != nullptr);
        }
    });
    CHECK(examined > 300);  // the generated histories held current programmes to check
}

TEST_CASE("the same history always gives the same programme", "[progression][property]") {
    int items = 0, histories = 0;
    for_generated(44, 200, [&](const Profile& p) {
        const Recommendation a = bundled().recommend(p);
        const Recommendation b = bundled().recommend(p);
        REQUIRE(a.items.size() == b.items.size());
        items += static_cast<int>(a.items.size());
        histories += p.history.empty() ? 0 : 1;
        for (std::size_t i = 0; i < a.items.size(); ++i) {
            CHECK(a.items[i].exercise == b.items[i].exercise);
            CHECK(a.items[i].change == b.items[i].change);
            CHECK(a.items[i].dose.sets == b.items[i].dose.sets);
            CHECK(a.items[i].dose.reps == b.items[i].dose.reps);
            CHECK(a.items[i].dose.hold_s == b.items[i].dose.hold_s);
            CHECK(a.items[i].dose.band == b.items[i].dose.band);
            CHECK(a.items[i].change_reasons == b.items[i].change_reasons);
        }
        CHECK(a.dropped.size() == b.dropped.size());
    });
    CHECK(items > 500);      // programmes were compared
    CHECK(histories > 100);  // most of them after a history
}
