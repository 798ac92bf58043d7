// The exercise document and the ladders, with the knowledge version; ids, not words, except the
// knowledge's own text (names, instructions, reasons) and the card rendered by exercise_card.
#include "io/render/knowledge/exercise_json.hpp"

#include <nlohmann/json.hpp>

#include "io/render/knowledge/exercise_card.hpp"

namespace rehab::io {

namespace {

using Json = nlohmann::ordered_json;

Json knowledge_version(const KnowledgeGraph& kg) {
    return {{"name", kg.name()}, {"version", kg.version()}, {"hash", kg.content_hash()}};
}

Json exercise_keys(const KnowledgeGraph& kg, const std::vector<ExerciseId>& ids) {
    Json out = Json::array();
    for (auto e : ids) out.push_back(kg.exercise(e).key);
    return out;
}

Json stages(unsigned bits) {
    Json out = Json::array();
    for (int s = 0; s < stage_count; ++s)
        if (bits & (1u << s)) out.push_back(to_string(static_cast<Stage>(s)));
    return out;
}

Json performs(const KnowledgeGraph& kg, const Exercise& x) {
    Json out = Json::array();
    for (const auto& p : x.performs) {
        Json c = Json::array();
        for (int k = 0; k < 4; ++k)
            if (p.contractions & (1u << k)) c.push_back(to_string(static_cast<Contraction>(k)));
        out.push_back(Json{{"movement", kg.movement(p.movement).key},
                           {"contractions", c},
                           {"resistance", to_string(p.resistance)}});
    }
    return out;
}

Json precautions(const KnowledgeGraph& kg, const Exercise& x) {
    Json out = Json::array();
    for (const auto& p : x.precautions)
        out.push_back(Json{{"condition", kg.condition(p.condition).key},
                           {"contraindication", p.contraindication},
                           {"stages", stages(p.stages)},
                           {"reason", p.reason}});
    return out;
}

Json doses(const KnowledgeGraph& kg, const Exercise& x) {
    Json out = Json::object();
    for (int s = 0; s < stage_count; ++s)
        if (x.dosage[s]) out[to_string(static_cast<Stage>(s))] = format_dose(kg, *x.dosage[s]);
    return out;
}

}  // namespace

std::string exercise_to_json(const KnowledgeGraph& kg, ExerciseId id) {
    const Exercise& x = kg.exercise(id);
    Json doc;
    doc["format"] = "rehab.exercise/1";
    doc["knowledge"] = knowledge_version(kg);
    doc["id"] = x.key;
    doc["name"] = x.name;
    doc["purpose"] = x.purpose;
    doc["component"] = to_string(x.component);
    doc["stages"] = stages(x.stages);
    doc["position"] = kg.position(x.position).key;
    doc["stance"] = to_string(x.stance);
    if (x.lies_on != LiesOn::none) doc["lies_on"] = to_string(x.lies_on);
    Json eq = Json::array();
    for (auto e : x.equipment) eq.push_back(kg.equipment(e).key);
    doc["equipment"] = eq;
    doc["needs_therapist"] = x.needs_therapist;
    doc["needs_partner"] = x.needs_partner;
    doc["performs"] = performs(kg, x);
    Json works = Json::array();
    for (const auto& w : x.works)
        works.push_back(Json{{"muscle", kg.muscle(w.muscle).key}, {"primary", w.primary}});
    doc["works"] = works;
    doc["progresses_to"] = exercise_keys(kg, kg.progressions(id));
    doc["regresses_to"] = exercise_keys(kg, kg.regressions(id));
    doc["precautions"] = precautions(kg, x);
    doc["dosage"] = doses(kg, x);
    doc["instructions"] = x.instructions;
    if (!x.instructions_for.empty()) {
        Json variants = Json::array();
        for (const auto& v : x.instructions_for) {
            Json refs = Json::array();
            for (auto r : v.references) refs.push_back(kg.reference(r).key);
            variants.push_back({{"condition", kg.condition(v.condition).key},
                                {"instructions", v.instructions},
                                {"references", refs}});
        }
        doc["instructions_for"] = std::move(variants);
    }
    doc["stop_if"] = x.stop_if;
    Json refs = Json::array();
    for (auto r : x.references) refs.push_back(kg.reference(r).key);
    doc["references"] = refs;
    Json ladders = Json::array();
    for (const auto& p : x.ladders) {
        const Ladder& l = kg.ladder(p.ladder);
        ladders.push_back(Json{{"ladder", l.key}, {"rung", p.rung}, {"rungs", l.rung_count()}});
    }
    doc["ladders"] = ladders;
    if (!x.ladder_note.empty()) doc["ladder_note"] = x.ladder_note;
    doc["card"] = render_exercise_card(kg, id);
    return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string ladders_to_json(const KnowledgeGraph& kg) {
    Json doc;
    doc["format"] = "rehab.ladders/1";
    doc["knowledge"] = knowledge_version(kg);
    Json ladders = Json::array();
    for (const auto& x : kg.exercises()) {
        if (!kg.regressions(x.id).empty() || kg.progressions(x.id).empty()) continue;
        Json steps = Json::array();  // along the first progression; the others are in "next"
        Json next = Json::object();
        std::vector<bool> seen(kg.exercise_count(), false);
        for (ExerciseId cur = x.id; !seen[cur.value];) {
            seen[cur.value] = true;
            steps.push_back(kg.exercise(cur).key);
            const auto after = kg.progressions(cur);
            if (after.empty()) break;
            if (after.size() > 1) next[kg.exercise(cur).key] = exercise_keys(kg, after);
            cur = after.front();
        }
        ladders.push_back(Json{{"start", x.key}, {"chain", steps}, {"next", next}});
    }
    doc["ladders"] = ladders;
    return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace rehab::io
