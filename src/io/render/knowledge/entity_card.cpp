// Cards for the entities of the knowledge graph other than exercises, each with its links: a
// kind's own fields, then the exercises (by id) the graph ties to it.
#include "io/render/knowledge/entity_card.hpp"

#include <algorithm>
#include <sstream>

namespace rehab::io {

namespace {

std::string exercise_list(const KnowledgeGraph& kg, const std::vector<ExerciseId>& ids) {
    if (ids.empty()) return "none";
    std::string out;
    for (auto id : ids) out += (out.empty() ? "" : ", ") + kg.exercise(id).key;
    return out;
}

std::string references(const KnowledgeGraph& kg, const std::vector<ReferenceId>& ids) {
    std::string out;
    for (auto id : ids) out += (out.empty() ? "" : ", ") + kg.reference(id).key;
    return out.empty() ? "none" : out;
}

template <class Pred>
std::vector<ExerciseId> exercises_where(const KnowledgeGraph& kg, Pred pred) {
    std::vector<ExerciseId> out;
    for (const auto& e : kg.exercises())
        if (pred(e)) out.push_back(e.id);
    return out;
}

void condition_card(std::ostream& out, const KnowledgeGraph& kg, const Condition& c) {
    out << c.name << "  [condition " << c.key << "]\n" << c.definition << "\n";
    std::string tissues;
    for (auto m : c.involves) tissues += (tissues.empty() ? "" : ", ") + kg.muscle(m).key;
    out << "  involves:      " << (tissues.empty() ? "none" : tissues) << "\n";
    if (c.key_movement.valid()) out << "  key movement:  " << kg.movement(c.key_movement).key << "\n";
    std::string provoked;
    for (const auto& p : c.provoked_by)
        provoked += (provoked.empty() ? "" : ", ") + kg.movement(p.movement).key;
    out << "  provoked by:   " << (provoked.empty() ? "none" : provoked) << "\n";
    out << "  pain ceiling:  " << c.pain_ceiling << "/10 during exercise\n";
    std::string codes;
    for (const auto& a : kg.codes())
        if (a.condition == c.id) codes += (codes.empty() ? "" : ", ") + a.system + " " + a.code;
    out << "  codes:         " << (codes.empty() ? "none" : codes) << "\n";
    out << "  contraindicated: "
        << exercise_list(kg, exercises_where(kg,
                                             [&](const Exercise& e) {
                                                 return std::any_of(
                                                     e.precautions.begin(), e.precautions.end(),
                                                     [&](const Precaution& p) {
                                                         return p.contraindication && p.condition == c.id;
                                                     });
                                             }))
        << "\n";
    out << "  references:    " << references(kg, c.references) << "\n";
    if (c.protocol) {
        std::vector<ExerciseId> core = c.protocol->exercises;
        out << "  protocol:      " << c.protocol->name << ", kept through the "
            << to_string(c.protocol->through) << " stage: " << exercise_list(kg, core) << " ["
            << references(kg, c.protocol->references) << "]\n";
    }
    if (!c.education.empty()) out << "  advice for the patient (handout):\n";
    for (const auto& e : c.education)
        out << "    - " << e.text << " [" << references(kg, e.references) << "]\n";
}

void named_card(std::ostream& out, const Named& n, const char* kind, const std::string& linked_as,
                const std::string& exercises, const char* detail_label = "") {
    out << n.name << "  [" << kind << " " << n.key << "]\n";
    if (!n.detail.empty()) out << (*detail_label ? "  " : "") << detail_label << n.detail << "\n";
    out << "  " << linked_as << exercises << "\n";
}

}  // namespace

std::string render_entity_cards(const KnowledgeGraph& kg, std::string_view key) {
    std::ostringstream out;
    auto next = [&] {
        if (out.tellp() > 0) out << "\n";
    };
    if (auto c = kg.find_condition(key)) next(), condition_card(out, kg, kg.condition(*c));
    if (auto m = kg.find_movement(key))
        next(), named_card(out, kg.movement(*m), "movement",
                           "loaded by:  ", exercise_list(kg, kg.exercises_loading(*m, ~0u)));
    if (auto m = kg.find_muscle(key))
        next(),
            named_card(out, kg.muscle(*m), "muscle",
                       "worked by:  ", exercise_list(kg, kg.exercises_working(*m, false)), "group:      ");
    if (auto q = kg.find_equipment(key))
        next(), named_card(out, kg.equipment(*q), "equipment", "needed by:  ",
                           exercise_list(kg, exercises_where(kg, [&](const Exercise& e) {
                                             return std::find(e.equipment.begin(), e.equipment.end(), *q) !=
                                                    e.equipment.end();
                                         })));
    if (auto p = kg.find_position(key))
        next(), named_card(out, kg.position(*p), "position",
                           "done in:    ", exercise_list(kg, exercises_where(kg, [&](const Exercise& e) {
                                                             return e.position == *p;
                                                         })));
    if (auto f = kg.find_red_flag(key)) {
        next();
        const RedFlag& r = kg.red_flag(*f);
        out << r.name << "  [red flag " << r.key << "]\n"
            << "  concern:     " << r.concern << "\n  advice:      " << r.advice
            << "\n  urgency:     " << to_string(r.urgency)
            << "\n  references:  " << references(kg, r.references) << "\n";
    }
    if (auto b = kg.find_band(key)) {
        next();
        const Band& band = kg.band(*b);
        out << band.name << "  [band " << band.key << "]\n  force:       " << band.force_lb << " lb\n";
    }
    if (auto l = kg.find_ladder(key)) {
        next();
        const Ladder& ladder = kg.ladder(*l);
        out << ladder.name << "  [ladder " << ladder.key << "]\n";
        if (!ladder.description.empty()) out << "  " << ladder.description << "\n";
        for (int r = 1; r <= ladder.rung_count(); ++r) {
            out << "  rung " << r << ": " << ladder.rung_names[r - 1] << ":";
            for (ExerciseId e : ladder.rungs[r - 1]) out << " " << kg.exercise(e).key;
            out << "\n";
        }
        out << "  references:  " << references(kg, ladder.references) << "\n";
    }
    if (auto r = kg.find_reference(key)) {
        next();
        const Named& ref = kg.reference(*r);
        out << ref.key << "  [reference]\n" << ref.name << "\n";
        if (!ref.detail.empty()) out << ref.detail << "\n";
    }
    return out.str();
}

}  // namespace rehab::io
