// The explanation document: values from ExerciseExplanation, words from the text renderer and the
// shared programme words, so the JSON and `rehab explain` never disagree.
#include "io/render/explanation_json.hpp"

#include <nlohmann/json.hpp>

#include "io/render/explanation_text.hpp"
#include "io/render/programme_words.hpp"
#include "io/render/words/exclusion_words.hpp"
#include "rehab/version.hpp"

namespace rehab::io {

namespace {

using Json = nlohmann::ordered_json;

Json rule_ids(const Recommender& r, const std::vector<Reason>& reasons) {
    Json out = Json::array();
    for (const auto& x : reasons) out.push_back(r.rules().rule(x.rule).id);
    return out;
}

Json exclusions(const Recommender& r, const Recommendation& rec, const ExerciseExplanation& x) {
    Json out = Json::array();
    for (const auto& e : x.exclusions) {
        Json item;
        item["rule"] = e.rule >= 0 ? Json(r.rules().rule(static_cast<std::uint32_t>(e.rule)).id) : Json();
        item["basis"] = to_string(e.basis);
        if (auto words = basis_words(r, rec.stage, e); !words.empty()) item["basis_text"] = words;
        if (e.window) {
            const Ladder& l = r.knowledge().ladder(e.window->ladder);
            item["ladder"] = Json{{"id", l.key},
                                  {"rung", e.window->rung},
                                  {"rungs", e.window->rungs},
                                  {"window", Json::array({e.window->low, e.window->high})}};
        }
        out.push_back(std::move(item));
    }
    return out;
}

Json changes(const Recommender& r, const std::vector<Constraint>& all) {
    Json out = Json::array();
    for (const auto& c : all)
        out.push_back(
            Json{{"fact", c.fact}, {"needs", c.needs()}, {"words", constraint_words(r.rules().schema(), c)}});
    return out;
}

}  // namespace

std::string explanation_to_json(const Recommender& r, const Recommendation& rec, const Profile& p,
                                const ExerciseExplanation& x) {
    const KnowledgeGraph& kg = r.knowledge();
    Json doc;
    doc["format"] = explanation_format;
    if (!p.id.empty()) doc["profile_id"] = p.id;
    doc["engine"] = {{"name", "rehab"}, {"version", library_version}};
    doc["knowledge"] = {{"name", kg.name()}, {"version", kg.version()}, {"hash", kg.content_hash()}};
    doc["rules"] = {{"version", r.rules().version()}, {"hash", r.rules().content_hash()}};
    doc["exercise"] = {{"id", kg.exercise(x.exercise).key}, {"name", kg.exercise(x.exercise).name}};
    doc["status"] = to_string(x.status);
    if (x.status == ExplanationStatus::chosen) {
        doc["position"] = x.position;
        doc["selected_by"] = rule_ids(r, x.selected_by);
        doc["dosed_by"] = rule_ids(r, x.dosed_by);
    }
    if (x.status == ExplanationStatus::excluded) {
        doc["excluded_by"] = exclusions(r, rec, x);
        doc["change_possible"] = x.change_possible;
        doc["smallest_change"] = changes(r, x.smallest_change);
        if (!x.no_change.empty()) {
            Json reasons = Json::array();
            for (const auto& n : x.no_change)
                reasons.push_back(
                    Json{{"why", to_string(n.why)}, {"words", no_change_words(r, rec.stage, x.exercise, n)}});
            doc["no_change"] = std::move(reasons);
        }
    }
    if (x.status == ExplanationStatus::referred) {
        Json flags = Json::array();
        for (const auto& f : x.referral) flags.push_back(r.rules().rule(f.rule).id);
        doc["referred_by"] = std::move(flags);
    }
    doc["text"] = explanation_to_text(r, rec, x);
    return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace rehab::io
