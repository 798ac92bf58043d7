// Words for exclusion bases and for the reasons no change lifts an exclusion (core returns them as
// NoChange values). The sentences are the ones the golden scenario outputs were written with.
#include "io/render/words/exclusion_words.hpp"

#include <algorithm>
#include <cctype>

namespace rehab::io {

namespace {

std::string lower_first(std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

std::string article(const std::string& word) {
    return !word.empty() && std::string("aeiou").find(word[0]) != std::string::npos ? "an " : "a ";
}

std::string fact_words(const FactDef& d) { return d.label.empty() ? d.name : d.label; }

// "the mid stage", "the mid and late stages", "no stage".
std::string stage_names(const Exercise& x) {
    std::vector<std::string> names;
    for (int s = 0; s < stage_count; ++s)
        if (x.in_stage(static_cast<Stage>(s))) names.emplace_back(to_string(static_cast<Stage>(s)));
    if (names.empty()) return "no stage";
    std::string out = "the ";
    for (std::size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    return out + (names.size() == 1 ? " stage" : " stages");
}

std::string condition_words(const Recommender& r, const Precaution& p, Stage stage) {
    return lower_first(r.knowledge().condition(p.condition).name) + " in the " + to_string(stage) + " stage";
}

std::string contraindication_words(const Recommender& r, const NoChange& n, Stage stage) {
    if (!n.contraindication) return "the knowledge base contraindicates it";
    std::string reason = n.contraindication->reason;
    if (!reason.empty() && reason.back() == '.') reason.pop_back();
    return "the knowledge base contraindicates it for " + condition_words(r, *n.contraindication, stage) +
           (reason.empty() ? "" : " (" + reason + ")") + "; no change in the patient's measures lifts that";
}

std::string facts_words(const RuleSet& rs, const NoChange& n) {
    std::string out;
    for (const auto& f : n.facts) {
        std::string what =
            fact_words(rs.schema().fact(f.slot)) +
            (f.value ? " is " + rs.schema().format_value(f.slot, *f.value) : " is not recorded");
        if (f.derived_by >= 0)
            what += " (derived by rule " + rs.rule(static_cast<std::uint32_t>(f.derived_by)).id + ")";
        out += (out.empty() ? "" : "; ") + what;
    }
    return "it depends on facts no single measure changes: " + out;
}

}  // namespace

std::string window_words(const Recommender& r, const WindowReading& w) {
    const Ladder& l = r.knowledge().ladder(w.ladder);
    std::string window = w.low == w.high ? "rung " + std::to_string(w.low) + " only"
                                         : "rungs " + std::to_string(w.low) + "-" + std::to_string(w.high);
    std::string out =
        lower_first(l.name) + ", rung " + std::to_string(w.rung) + " of " + std::to_string(w.rungs);
    if (w.rung >= 1 && w.rung <= static_cast<int>(l.rung_names.size()) && !l.rung_names[w.rung - 1].empty())
        out += " (" + l.rung_names[w.rung - 1] + ")";
    return out + ": the window for this patient is " + window + " (rule " + r.rules().rule(w.rule).id + ")";
}

std::string basis_words(const Recommender& r, Stage stage, const ExclusionReason& e) {
    switch (e.basis) {
        case ExclusionBasis::condition:
            return "";
        case ExclusionBasis::contraindication:
            return e.contraindication
                       ? "contraindicated for " + condition_words(r, *e.contraindication, stage)
                       : "contraindicated";
        case ExclusionBasis::stage:
            return "not " + article(to_string(stage)) + to_string(stage) + "-stage exercise";
        case ExclusionBasis::window:
            return e.window ? "outside the ladder window: " + window_words(r, *e.window)
                            : "outside the ladder window";
        case ExclusionBasis::unrecorded: {
            std::string out;
            for (const auto& o : e.observed)
                if (o.unrecorded)
                    out += (out.empty() ? "" : ", ") + fact_words(r.rules().schema().fact(o.slot));
            return out + " not recorded";
        }
    }
    return "";
}

std::string no_change_words(const Recommender& r, Stage stage, ExerciseId e, const NoChange& n) {
    switch (n.why) {
        case NoChangeWhy::contraindicated:
            return contraindication_words(r, n, stage);
        case NoChangeWhy::stage:
            return "the exercise belongs to " + stage_names(r.knowledge().exercise(e)) +
                   " and the patient is in the " + to_string(stage) +
                   " stage; stage membership is not a measure that can change";
        case NoChangeWhy::window:
            return n.window ? window_words(r, *n.window) +
                                  "; it comes into the window as the stage, irritability and pain allow"
                            : "it is outside the ladder window";
        case NoChangeWhy::depends_on_facts:
            return facts_words(r.rules(), n);
        case NoChangeWhy::applies_to_every_patient:
            return "the rule applies to every patient";
        case NoChangeWhy::contradicting_changes:
            return "the excluding rules need contradicting values of " + n.conflict;
    }
    return "";
}

}  // namespace rehab::io
