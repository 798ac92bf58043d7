// The expectation checks of a scenario, one function per kind: referral, stage, exercises that must
// (not) appear, programme size and components, attribute limits, doses, history changes, warnings.
// A failure says what was expected, what the engine did, and its explanation for the exercise.
#include <algorithm>
#include <sstream>

#include "core/explain/explanation.hpp"
#include "io/render/words/note_words.hpp"
#include "io/render/words/reason_words.hpp"
#include "io/suite/scenario_runner.hpp"

namespace rehab::io {

namespace {

std::string num(double x) {
    std::ostringstream o;
    o << x;
    return o.str();
}

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
    return s;
}

class Checker {
public:
    Checker(const Recommender& r, const Recommendation& rec, std::vector<ExpectationFailure>& out)
        : r_(r), kg_(r.knowledge()), rec_(rec), out_(out) {}

    std::size_t checks = 0;

    void expect(bool ok, std::string what, std::string message, std::string explanation = {}) {
        ++checks;
        if (!ok) out_.push_back({std::move(what), std::move(message), std::move(explanation)});
    }

    ExerciseId id(const std::string& key) const { return kg_.find_exercise(key).value_or(ExerciseId{}); }
    const ProgrammeItem* item(ExerciseId e) const {
        for (const auto& i : rec_.items)
            if (i.exercise == e) return &i;
        return nullptr;
    }
    std::string why(ExerciseId e) const { return e.valid() ? describe_exercise(r_, rec_, e) : ""; }
    std::string programme() const {
        std::vector<std::string> v;
        for (const auto& i : rec_.items) v.push_back(kg_.exercise(i.exercise).key);
        return v.empty() ? "(no exercises)" : join(v);
    }

    void referral(const Expectations& e) {
        if (e.referral) {
            std::string got = rec_.referred()
                                  ? "referred"
                                  : "a programme of " + std::to_string(rec_.items.size()) + " exercises";
            expect(rec_.referred() == *e.referral, *e.referral ? "referral" : "no referral",
                   "the engine gave " + got);
            if (*e.referral)
                expect(rec_.items.empty(), "referral: no exercises",
                       "a referral came with exercises: " + programme());
        }
        for (const auto& flag : e.red_flags) {
            bool named = false;
            for (const auto& reason : rec_.referral)
                named = named || (reason.red_flag.valid() && kg_.red_flag(reason.red_flag).key == flag);
            expect(named, "referral names red flag " + flag,
                   rec_.referred() ? "the referral does not name it" : "no referral was made");
        }
        if (e.urgency) {
            std::string got = "none";
            for (const auto& reason : rec_.referral)
                if (got == "none" || reason.urgency == Urgency::emergency) got = to_string(reason.urgency);
            expect(got == *e.urgency, "referral urgency " + *e.urgency, "the urgency is " + got);
        }
    }

    void stage(const Expectations& e) {
        if (e.stage)
            expect(to_string(rec_.stage) == *e.stage, "stage " + *e.stage,
                   std::string("the engine chose stage ") + to_string(rec_.stage));
        if (e.irritability)
            expect(rec_.irritability == *e.irritability, "irritability " + *e.irritability,
                   "the engine derived irritability " +
                       (rec_.irritability.empty() ? "(none)" : rec_.irritability));
    }

    void exercises(const Expectations& e) {
        for (const auto& key : e.include) {
            auto x = id(key);
            expect(item(x) != nullptr, "include " + key, "not in the programme (" + programme() + ")",
                   why(x));
        }
        for (const auto& key : e.exclude) {
            auto x = id(key);
            const auto* it = item(x);
            expect(
                it == nullptr, "exclude " + key,
                it ? "it is in the programme at position " + std::to_string(it - rec_.items.data() + 1) : "",
                why(x));
        }
        for (const auto& key : e.eligible) {
            auto x = id(key);
            bool excluded = std::any_of(rec_.excluded.begin(), rec_.excluded.end(),
                                        [&](const ExcludedItem& i) { return i.exercise == x; });
            expect(!excluded && !rec_.referred(), "eligible " + key, "it was excluded", why(x));
        }
        if (!e.include_any.empty()) {
            bool any = std::any_of(e.include_any.begin(), e.include_any.end(),
                                   [&](const std::string& k) { return item(id(k)) != nullptr; });
            std::string explanations;
            if (!any)
                for (const auto& k : e.include_any)
                    explanations += (explanations.empty() ? "" : "; ") + k + ": " + why(id(k));
            expect(any, "include one of " + join(e.include_any),
                   "none is in the programme (" + programme() + ")", explanations);
        }
    }

    void sizes(const Expectations& e) {
        if (e.count)
            expect(e.count->contains(static_cast<double>(rec_.items.size())),
                   "exercise count " + e.count->text(),
                   "the programme has " + std::to_string(rec_.items.size()) + " (" + programme() + ")");
        for (const auto& [name, range] : e.components) {
            auto c = component_from(name);
            std::vector<std::string> in;
            for (const auto& i : rec_.items)
                if (c && kg_.exercise(i.exercise).component == *c) in.push_back(kg_.exercise(i.exercise).key);
            expect(
                range.contains(static_cast<double>(in.size())), name + " exercises " + range.text(),
                "the programme has " + std::to_string(in.size()) + (in.empty() ? "" : " (" + join(in) + ")"));
        }
    }

    // The attributes of `x` that the filter forbids ("position side_lying", ...).
    std::vector<std::string> forbidden(const AttributeFilter& f, const Exercise& x) const {
        std::vector<std::string> hits;
        auto has = [](const std::vector<std::string>& v, const std::string& s) {
            return std::find(v.begin(), v.end(), s) != v.end();
        };
        if (has(f.positions, kg_.position(x.position).key))
            hits.push_back("position " + kg_.position(x.position).key);
        for (auto eq : x.equipment)
            if (has(f.equipment, kg_.equipment(eq).key)) hits.push_back("needs " + kg_.equipment(eq).key);
        if (has(f.stances, to_string(x.stance))) hits.push_back(std::string("stance ") + to_string(x.stance));
        if (has(f.components, to_string(x.component)))
            hits.push_back(std::string("component ") + to_string(x.component));
        if (!f.stages.empty()) {  // an exercise of the listed stages only
            unsigned mask = 0;
            for (const auto& s : f.stages)
                if (auto st = stage_from(s)) mask |= 1u << static_cast<unsigned>(*st);
            if ((x.stages & ~mask) == 0)
                hits.push_back("an exercise for the " + join(f.stages, "/") + " stage only");
        }
        for (const auto& perf : x.performs) {
            const std::string& movement = kg_.movement(perf.movement).key;
            for (const auto& c : f.contractions)
                if (auto cc = contraction_from(c);
                    cc && (perf.contractions >> static_cast<unsigned>(*cc)) & 1u)
                    hits.push_back(c + " " + movement);
            auto l = f.loads.find(movement);
            if (l == f.loads.end()) continue;
            if (l->second.empty()) hits.push_back("loads " + movement);
            for (const auto& c : l->second)
                if (auto cc = contraction_from(c);
                    cc && (perf.contractions >> static_cast<unsigned>(*cc)) & 1u)
                    hits.push_back("loads " + movement + " (" + c + ")");
        }
        if (f.needs_therapist && x.needs_therapist) hits.push_back("needs a therapist");
        if (f.needs_partner && x.needs_partner) hits.push_back("needs a partner");
        return hits;
    }

    void none_with(const Expectations& e) {
        if (e.none_with.empty()) return;
        std::vector<std::string> bad;
        std::string explanation;
        for (const auto& i : rec_.items) {
            auto hits = forbidden(e.none_with, kg_.exercise(i.exercise));
            if (hits.empty()) continue;
            bad.push_back(kg_.exercise(i.exercise).key + " (" + join(hits) + ")");
            explanation +=
                (explanation.empty() ? "" : "; ") + kg_.exercise(i.exercise).key + ": " + why(i.exercise);
        }
        expect(bad.empty(), "no exercise with " + describe(e.none_with), "found " + join(bad), explanation);
    }

    static std::string describe(const AttributeFilter& f) {
        std::vector<std::string> parts;
        if (!f.positions.empty()) parts.push_back("position " + join(f.positions, "/"));
        if (!f.equipment.empty()) parts.push_back("equipment " + join(f.equipment, "/"));
        if (!f.stances.empty()) parts.push_back("stance " + join(f.stances, "/"));
        if (!f.components.empty()) parts.push_back("component " + join(f.components, "/"));
        if (!f.stages.empty()) parts.push_back("stage " + join(f.stages, "/") + " only");
        if (!f.contractions.empty()) parts.push_back("contraction " + join(f.contractions, "/"));
        for (const auto& [movement, cs] : f.loads)
            parts.push_back("load on " + movement + (cs.empty() ? "" : " (" + join(cs, "/") + ")"));
        if (f.needs_therapist) parts.push_back("a therapist");
        if (f.needs_partner) parts.push_back("a partner");
        return join(parts, " or ");
    }

    // For "*" (every exercise) a field the exercise does not have is skipped, not failed.
    void dose_field(const std::string& label, const std::optional<ValueRange>& want,
                    std::optional<double> got, bool every = false) {
        if (!want || (every && !got)) return;
        expect(got && want->contains(*got), label + " " + want->text(),
               got ? "it is " + num(*got) : "it has none");
    }

    void dose_item(const DoseExpectation& d, const ProgrammeItem& i) {
        const auto& x = i.dose;
        const bool every = d.exercise == "*";
        const std::string name = kg_.exercise(i.exercise).key + " ";
        auto opt = [](const std::optional<int>& v) { return v ? std::optional<double>(*v) : std::nullopt; };
        dose_field(name + "sets", d.sets, x.sets, every);
        dose_field(name + "reps", d.reps, opt(x.reps), every);
        dose_field(name + "reps_top", d.reps_top, opt(x.reps_top), every);
        dose_field(name + "hold_s", d.hold_s, opt(x.hold_s), every);
        dose_field(name + "rest_s", d.rest_s, x.rest_s, every);
        dose_field(name + "per_week", d.per_week, x.per_week, every);
        dose_field(name + "duration_min", d.duration_min, x.duration_min, every);
        if (d.band) {
            std::string got = x.band.valid() ? kg_.band(x.band).key : "none";
            expect(got == *d.band, name + "band " + *d.band, "the band is " + got);
        }
        if (d.tempo)
            expect(x.tempo.find(*d.tempo) != std::string::npos, name + "tempo '" + *d.tempo + "'",
                   "the tempo is '" + x.tempo + "'");
        if (d.per_side)
            expect(x.per_side == *d.per_side, name + (*d.per_side ? "per side" : "not per side"),
                   x.per_side ? "it is per side" : "it is not per side");
    }

    void doses(const Expectations& e) {
        for (const auto& d : e.dose) {
            if (d.exercise == "*") {
                for (const auto& i : rec_.items) dose_item(d, i);
                continue;
            }
            auto x = id(d.exercise);
            if (const auto* i = item(x))
                dose_item(d, *i);
            else
                expect(false, "dose of " + d.exercise, "not in the programme, so its dose cannot be checked",
                       why(x));
        }
    }

    void changes(const Expectations& e) {
        for (const auto& c : e.change) {
            auto x = id(c.exercise);
            std::string got = "vanished";  // in neither the programme nor `dropped` (issue 14, 12)
            const ProgrammeItem* it = item(x);
            if (!it)
                for (const auto& i : rec_.items)
                    if (i.replaces == x) it = &i;
            if (!it)
                for (const auto& i : rec_.dropped)
                    if (i.exercise == x) it = &i;
            if (it) got = to_string(it->change);
            std::string detail = "the change is " + got;
            if (it && it->exercise != x) detail += " (by " + kg_.exercise(it->exercise).key + ")";
            if (!it) detail += " (not in the programme and not reported as dropped)";
            if (it && !it->change_reasons.empty())
                detail += ": " + join(note_texts(r_.rules(), it->change_reasons), "; ");
            const bool ok = std::find(c.allowed.begin(), c.allowed.end(), got) != c.allowed.end();
            expect(ok, "change of " + c.exercise + " " + join(c.allowed, " or "), detail, ok ? "" : why(x));
        }
    }

    void warnings(const Expectations& e) {
        for (const auto& w : e.warnings)
            expect(says(w), "warning containing '" + w + "'", "no warning or precaution says so");
        for (const auto& w : e.no_warnings)
            expect(!says(w), "no warning containing '" + w + "'", "a warning or precaution says so");
    }

    // Whether some warning, or some precaution on a chosen exercise, contains `w`.
    bool says(const std::string& w) const {
        bool found = std::any_of(rec_.warnings.begin(), rec_.warnings.end(), [&](const RuleNote& n) {
            return warning_text(r_.rules(), n).find(w) != std::string::npos;
        });
        for (const auto& i : rec_.items)
            for (const auto& p : i.precautions)
                found = found || precaution_text(r_.rules(), i.exercise, p).find(w) != std::string::npos;
        return found;
    }

    // Always checked: no exercise is in two of items, excluded, not_chosen and dropped, and every
    // exercise of the current programme is in one (issue 14, findings 12 and 14).
    void accounted(const Profile& p) {
        std::vector<int> lists(kg_.exercise_count(), 0);
        std::vector<std::string> twice;
        auto note = [&](ExerciseId e) {
            if (++lists[e.value] == 2) twice.push_back(kg_.exercise(e).key);
        };
        for (const auto& i : rec_.items) note(i.exercise);
        for (const auto& x : rec_.excluded) note(x.exercise);
        for (const auto& x : rec_.not_chosen) note(x.exercise);
        for (const auto& x : rec_.dropped) note(x.exercise);
        expect(twice.empty(), "each exercise in at most one of exercises, excluded, not_chosen, dropped",
               "in two lists: " + join(twice), twice.empty() ? "" : why(id(twice.front())));
        std::vector<std::string> vanished;
        for (const auto& pe : p.history.programme)
            if (pe.exercise.valid() && pe.exercise.value < lists.size() && lists[pe.exercise.value] == 0)
                vanished.push_back(kg_.exercise(pe.exercise).key);
        if (!p.history.programme.empty())
            expect(vanished.empty(), "every current exercise in the output",
                   "in none of exercises, excluded, not_chosen, dropped: " + join(vanished));
    }

private:
    const Recommender& r_;
    const KnowledgeGraph& kg_;
    const Recommendation& rec_;
    std::vector<ExpectationFailure>& out_;
};

std::string observed_text(const ObservedComparison& c) {
    std::string s = c.fact + " = " + (c.observed ? c.observed_text : "unrecorded");
    if (c.negation) s += " (lifted when " + c.negation->text() + ")";
    return s;
}

}  // namespace

std::size_t check_expectations(const Recommender& r, const Recommendation& rec, const Profile& profile,
                               const Expectations& e, std::vector<ExpectationFailure>& failures) {
    Checker c(r, rec, failures);
    c.accounted(profile);
    c.referral(e);
    c.stage(e);
    c.exercises(e);
    c.sizes(e);
    c.none_with(e);
    c.doses(e);
    c.changes(e);
    c.warnings(e);
    return c.checks;
}

std::string describe_exercise(const Recommender& r, const Recommendation& rec, ExerciseId e) {
    const auto& rules = r.rules().rules();
    const auto x = explain_exercise(r, rec, e);
    auto rule_ids = [&](const std::vector<Reason>& reasons) {
        std::vector<std::string> v;
        for (const auto& reason : reasons) v.push_back(rules[reason.rule].id);
        return v.empty() ? std::string("no rule") : join(v);
    };
    switch (x.status) {
        case ExplanationStatus::referred:
            return "no programme: the patient is referred";
        case ExplanationStatus::chosen:
            return "chosen at position " + std::to_string(x.position) + ", score " + num(x.score) +
                   ", selected by " + rule_ids(x.selected_by);
        case ExplanationStatus::not_chosen:
            return "eligible but not chosen: " + not_chosen_text(r.knowledge(), rec.evaluation, x.why_not) +
                   " (score " + num(x.score) + ")";
        case ExplanationStatus::excluded:
            break;
    }
    std::vector<std::string> parts;
    for (const auto& ex : x.exclusions) {
        std::string s = ex.rule < 0 ? std::string("knowledge contraindication") : "rule " + rules[ex.rule].id;
        std::vector<std::string> seen;
        for (const auto& o : ex.observed) seen.push_back(observed_text(o));
        if (!seen.empty()) s += " [" + join(seen, ", ") + "]";
        parts.push_back(s);
    }
    return "excluded by " + (parts.empty() ? std::string("an unnamed rule") : join(parts, "; "));
}

}  // namespace rehab::io
