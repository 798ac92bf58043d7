// Renders the plain-text exercise card: one section per aspect a clinician checks, in the order
// they would read it. Everything comes from the compiled graph (names, chains, citations).
#include "io/render/knowledge/exercise_card.hpp"

#include <algorithm>
#include <sstream>

#include "io/render/programme_words.hpp"

namespace rehab::io {

namespace {

template <class Items, class F>
std::string join(const Items& items, const std::string& sep, F&& text) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : sep) + text(item);
    return out;
}

std::string stage_list(unsigned mask) {
    std::string out;
    for (int s = 0; s < stage_count; ++s)
        if (mask & (1u << s))
            out += (out.empty() ? "" : ", ") + std::string(to_string(static_cast<Stage>(s)));
    return out;
}

std::string contraction_list(unsigned mask) {
    std::string out;
    for (int c = 0; c < contraction_count; ++c)
        if (mask & (1u << c))
            out += (out.empty() ? "" : ", ") + std::string(to_string(static_cast<Contraction>(c)));
    return out;
}

std::string words(const char* id) {  // "body_weight" -> "body weight"
    std::string s = id;
    std::replace(s.begin(), s.end(), '_', ' ');
    return s;
}

void heading(std::ostringstream& out, const std::string& title) { out << "\n" << title << "\n"; }

void identity(std::ostringstream& out, const KnowledgeGraph& kg, const Exercise& e) {
    std::string title = e.name + "  [" + e.key + "]";
    out << title << "\n" << std::string(title.size(), '=') << "\n";
    out << "Source:      " << e.source << (e.provenance.empty() ? "" : " - " + e.provenance) << "\n";
    out << "Stages:      " << stage_list(e.stages) << "\n";
    out << "Component:   " << words(to_string(e.component)) << "\n";
    out << "Position:    " << (e.position.valid() ? kg.position(e.position).name : "-") << "\n";
    out << "Stance:      " << words(to_string(e.stance)) << "\n";
    if (e.lies_on != LiesOn::none)
        out << "Lies on:     "
            << (e.lies_on == LiesOn::other_side ? "the other side (the top leg works)"
                                                : "the working side (the bottom leg or the trunk works)")
            << "\n";
    out << "Equipment:   "
        << (e.equipment.empty()
                ? "none (body weight)"
                : join(e.equipment, ", ", [&](EquipmentId q) { return kg.equipment(q).name; }))
        << "\n";
    out << "Therapist:   " << (e.needs_therapist ? "needed" : "not needed")
        << "; partner: " << (e.needs_partner ? "needed" : "not needed") << "\n";
}

void steps(std::ostringstream& out, const std::vector<std::string>& list) {
    for (std::size_t i = 0; i < list.size(); ++i) out << "  " << i + 1 << ". " << list[i] << "\n";
}

void instructions(std::ostringstream& out, const KnowledgeGraph& kg, const Exercise& e) {
    heading(out, "Purpose");
    out << "  " << (e.purpose.empty() ? "-" : e.purpose) << "\n";
    heading(out, "Instructions");
    steps(out, e.instructions);
    if (!e.stop_if.empty()) out << "  Stop if: " << e.stop_if << "\n";
    for (const auto& v : e.instructions_for) {
        heading(out, "Instructions for " + kg.condition(v.condition).name + " (instead of the above)");
        steps(out, v.instructions);
    }
}

void muscles_and_movements(std::ostringstream& out, const KnowledgeGraph& kg, const Exercise& e) {
    heading(out, "Muscles");
    for (bool primary : {true, false}) {
        std::vector<std::string> names;
        for (const auto& w : e.works)
            if (w.primary == primary) names.push_back(kg.muscle(w.muscle).name);
        out << (primary ? "  Primary:    " : "  Secondary:  ")
            << (names.empty() ? "-" : join(names, ", ", [](const std::string& n) { return n; })) << "\n";
    }
    heading(out, "Movements");
    for (const auto& p : e.performs)
        out << "  " << kg.movement(p.movement).name << ": " << contraction_list(p.contractions)
            << "; resistance: " << words(to_string(p.resistance)) << "\n";
}

std::string exercise_names(const KnowledgeGraph& kg, const std::vector<ExerciseId>& ids) {
    if (ids.empty()) return "none";
    return join(ids, ", ",
                [&](ExerciseId x) { return kg.exercise(x).name + " [" + kg.exercise(x).key + "]"; });
}

void progression(std::ostringstream& out, const KnowledgeGraph& kg, const Exercise& e) {
    heading(out, "Progression");
    auto before = kg.regressions(e.id), after = kg.progressions(e.id);
    out << "  " << (before.empty() ? "(start)" : exercise_names(kg, before)) << "  <-  " << e.name << "  ->  "
        << (after.empty() ? "(end)" : exercise_names(kg, after)) << "\n";
    out << "  Regressions:         " << exercise_names(kg, before) << "\n";
    out << "  Progressions:        " << exercise_names(kg, after) << "\n";
    out << "  Whole chain before:  " << exercise_names(kg, kg.chain_before(e.id)) << "\n";
    out << "  Whole chain after:   " << exercise_names(kg, kg.chain_after(e.id)) << "\n";
    for (const auto& p : e.ladders) {
        const Ladder& l = kg.ladder(p.ladder);
        out << "  Ladder:              " << l.name << ", rung " << p.rung << " of " << l.rung_count() << " ("
            << l.rung_names[static_cast<std::size_t>(p.rung - 1)] << ")\n";
    }
    if (!e.ladder_note.empty()) out << "  Ladder:              none: " << e.ladder_note << "\n";
}

void precautions(std::ostringstream& out, const KnowledgeGraph& kg, const Exercise& e) {
    heading(out, "Precautions and contraindications");
    if (e.precautions.empty()) out << "  none listed\n";
    for (const auto& p : e.precautions) {
        out << "  " << (p.contraindication ? "CONTRAINDICATION" : "Precaution") << " - "
            << kg.condition(p.condition).name;
        if (p.stages != 0b111u) out << " (" << stage_list(p.stages) << " stage)";
        out << ": " << p.reason;
        if (!p.references.empty())
            out << " [" << join(p.references, ", ", [&](ReferenceId r) { return kg.reference(r).key; })
                << "]";
        out << "\n";
    }
}

void dosage(std::ostringstream& out, const KnowledgeGraph& kg, const Exercise& e) {
    heading(out, "Default dosage");
    for (int s = 0; s < stage_count; ++s)
        if (e.dosage[s])
            out << "  " << to_string(static_cast<Stage>(s)) << ":"
                << std::string(7 - std::string(to_string(static_cast<Stage>(s))).size(), ' ')
                << format_dose(kg, *e.dosage[s]) << "\n";
}

void references(std::ostringstream& out, const KnowledgeGraph& kg, const Exercise& e) {
    std::vector<ReferenceId> refs = e.references;
    for (const auto& p : e.precautions) refs.insert(refs.end(), p.references.begin(), p.references.end());
    for (const auto& v : e.instructions_for)
        refs.insert(refs.end(), v.references.begin(), v.references.end());
    bool band = false;
    for (const auto& d : e.dosage) band = band || (d && d->band.valid());
    if (band && kg.band_reference()) refs.push_back(*kg.band_reference());
    heading(out, "References");
    std::vector<ReferenceId> seen;
    for (auto r : refs) {
        if (std::find(seen.begin(), seen.end(), r) != seen.end()) continue;
        seen.push_back(r);
        out << "  " << kg.reference(r).key << "  " << kg.reference(r).detail << "\n";
    }
    if (seen.empty()) out << "  none\n";
}

}  // namespace

std::string format_range(const Range& r) {
    return r.min == r.max ? number_text(r.min) : number_text(r.min) + "-" + number_text(r.max);
}

std::string format_dose(const KnowledgeGraph& kg, const Dose& dose) {
    std::string out = format_range(dose.sets) + (dose.sets.max == 1 ? " set" : " sets");
    if (dose.reps) out += " x " + format_range(*dose.reps) + " reps";
    if (dose.hold_s) out += (dose.reps ? ", hold " : " x hold ") + format_range(*dose.hold_s) + " s";
    if (dose.duration_min) out += ", " + format_range(*dose.duration_min) + " min";
    if (dose.per_side) out += " each side";
    if (!dose.tempo.empty()) out += ", tempo " + dose.tempo;
    out += ", rest " + std::to_string(dose.rest_s) + " s";
    out += ", " + std::to_string(dose.per_week) + "x/week";
    if (dose.band.valid()) {
        const auto& b = kg.band(dose.band);
        out += ", band " + b.name + " (" + number_text(b.force_lb) + " lb)";
    }
    return out;
}

std::string render_exercise_card(const KnowledgeGraph& kg, ExerciseId id) {
    const Exercise& e = kg.exercise(id);
    std::ostringstream out;
    identity(out, kg, e);
    instructions(out, kg, e);
    muscles_and_movements(out, kg, e);
    progression(out, kg, e);
    precautions(out, kg, e);
    dosage(out, kg, e);
    references(out, kg, e);
    return out.str();
}

}  // namespace rehab::io
