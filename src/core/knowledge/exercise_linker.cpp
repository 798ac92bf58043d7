// Links one exercise: position, equipment, movements, muscles, progressions, precautions, dosage
// and references become strong ids and typed relations. Reports KB006 for unknown ids, KB009/KB010
// for an exercise without movement or muscle, KB012 for a stage without dosage.
#include <algorithm>

#include "core/knowledge/linker.hpp"

namespace rehab {

namespace {
std::string at(const ExerciseSpec& s, const std::string& field) { return s.origin.pointer + "/" + field; }
std::string at(const ExerciseSpec& s, const std::string& field, std::size_t i) {
    return at(s, field) + "/" + std::to_string(i);
}
}  // namespace

void Linker::link_exercise(const ExerciseSpec& s, std::uint32_t index) {
    Exercise e;
    e.id = ExerciseId(index);
    e.key = s.id;
    e.name = s.name;
    e.source = s.source;
    e.provenance = s.provenance;
    e.purpose = s.purpose;
    e.stop_if = s.stop_if;
    e.ladder_note = s.ladder_note;
    e.stages = stage_mask(s.stages);
    e.component = s.component;
    e.stance = s.stance;
    e.lies_on = s.lies_on;
    check_lies_on(s);
    e.needs_therapist = s.needs_therapist;
    e.needs_partner = s.needs_partner;
    e.instructions = s.instructions;
    link_exercise_body(s, e);
    link_precautions(s, e);
    link_instruction_variants(s, e);
    link_dosage(s, e);
    e.references =
        link_references({VertexKind::exercise, index}, s.references, {s.origin.file, at(s, "references")});
    out_.exercises.push_back(std::move(e));
}

void Linker::link_exercise_body(const ExerciseSpec& s, Exercise& e) {
    const Node self{VertexKind::exercise, e.id.value};
    const auto& f = s.origin.file;
    if (!s.position.empty())
        if (auto p =
                link(Relation::in_position, self, VertexKind::position, s.position, {f, at(s, "position")}))
            e.position = PositionId(*p);
    for (std::size_t i = 0; i < s.equipment.size(); ++i)
        if (auto q = link(Relation::needs, self, VertexKind::equipment, s.equipment[i],
                          {f, at(s, "equipment", i)}))
            e.equipment.emplace_back(*q);
    for (std::size_t i = 0; i < s.performs.size(); ++i) {
        const auto& p = s.performs[i];
        unsigned mask = contraction_mask(p.contractions);
        if (auto m = link(Relation::performs, self, VertexKind::movement, p.movement,
                          {f, at(s, "performs", i) + "/movement"}, mask))
            e.performs.push_back({MovementId(*m), mask, p.resistance});
    }
    if (s.performs.empty())
        d_.error("KB009", {f, at(s, "performs")}, "exercise '" + s.id + "' performs no movement",
                 "list at least one movement in 'performs'");
    for (std::size_t i = 0; i < s.works.size(); ++i) {
        const auto& w = s.works[i];
        if (auto m = link(Relation::works, self, VertexKind::muscle, w.muscle,
                          {f, at(s, "works", i) + "/muscle"}, 0, w.primary))
            e.works.push_back({MuscleId(*m), w.primary});
    }
    if (s.works.empty())
        d_.error("KB010", {f, at(s, "works")}, "exercise '" + s.id + "' works no muscle",
                 "list at least one muscle in 'works'");
    for (std::size_t i = 0; i < s.progresses_to.size(); ++i)
        link(Relation::progresses_to, self, VertexKind::exercise, s.progresses_to[i],
             {f, at(s, "progresses_to", i)});
}

void Linker::link_precautions(const ExerciseSpec& s, Exercise& e) {
    const Node self{VertexKind::exercise, e.id.value};
    for (const auto& p : s.precautions) {
        Precaution out;
        out.contraindication = p.contraindication;
        out.stages = p.stages.empty() ? 0b111u : stage_mask(p.stages);
        out.reason = p.reason;
        auto rel = p.contraindication ? Relation::contraindication : Relation::precaution;
        auto c = link(rel, self, VertexKind::condition, p.condition,
                      {p.origin.file, p.origin.pointer + "/condition"}, out.stages);
        out.references =
            link_references(self, p.references, {p.origin.file, p.origin.pointer + "/references"});
        if (!c) continue;
        out.condition = ConditionId(*c);
        e.precautions.push_back(std::move(out));
    }
}

// KB019: side-lying work says which side the patient lies on (`lies_on`), and only side-lying work does.
void Linker::check_lies_on(const ExerciseSpec& s) {
    const bool side_lying = s.position == "side_lying";
    if (side_lying == (s.lies_on != LiesOn::none)) return;
    d_.error("KB019", {s.origin.file, s.origin.pointer + (side_lying ? "" : "/lies_on")},
             side_lying ? "side-lying exercise '" + s.id + "' does not say which side the patient lies on"
                        : "exercise '" + s.id + "' gives 'lies_on' but is not done side-lying",
             side_lying
                 ? "add \"lies_on\": \"other_side\" (the top leg works) or \"working_side\" (the bottom "
                   "leg or the trunk works)"
                 : "remove 'lies_on', or set \"position\": \"side_lying\"");
}

// KB006 for an unknown condition; KB018 for a second variant of the same condition or one without steps.
void Linker::link_instruction_variants(const ExerciseSpec& s, Exercise& e) {
    const Node self{VertexKind::exercise, e.id.value};
    for (const auto& v : s.instructions_for) {
        auto c = resolve(VertexKind::condition, v.condition, v.origin.file, v.origin.pointer + "/condition");
        auto refs = link_references(self, v.references, {v.origin.file, v.origin.pointer + "/references"});
        if (!c) continue;
        const ConditionId id(*c);
        const bool twice = std::any_of(e.instructions_for.begin(), e.instructions_for.end(),
                                       [&](const InstructionVariant& x) { return x.condition == id; });
        if (v.instructions.empty() || twice) {
            d_.error("KB018", {v.origin.file, v.origin.pointer},
                     "exercise '" + s.id + "' has " +
                         (v.instructions.empty() ? "no steps" : "a second set of steps") +
                         " for condition '" + v.condition + "'",
                     "give each condition one 'instructions_for' entry with at least one step");
            continue;
        }
        e.instructions_for.push_back({id, v.instructions, std::move(refs)});
    }
}

void Linker::link_dosage(const ExerciseSpec& s, Exercise& e) {
    const Node self{VertexKind::exercise, e.id.value};
    for (int st = 0; st < stage_count; ++st) {
        const char* stage = to_string(static_cast<Stage>(st));
        const auto& spec = s.dosage[st];
        if (!e.in_stage(static_cast<Stage>(st))) {
            if (spec)
                d_.error(
                    "KB007", {s.origin.file, at(s, "dosage") + "/" + stage},
                    std::string("dosage for stage '") + stage + "' but the exercise is not in that stage",
                    "add the stage to 'stages' or remove this dosage");
            continue;
        }
        if (!spec) {
            d_.error("KB012", {s.origin.file, at(s, "dosage")},
                     std::string("no dosage for stage '") + stage + "'",
                     std::string("add \"") + stage + "\" to 'dosage'");
            continue;
        }
        Dose dose{spec->sets,   spec->reps,     spec->hold_s, spec->duration_min, spec->tempo,
                  spec->rest_s, spec->per_week, BandId(),     spec->per_side};
        if (!spec->band.empty())
            if (auto b = link(Relation::uses_band, self, VertexKind::band, spec->band,
                              {s.origin.file, at(s, "dosage") + "/" + stage + "/band"}, 1u << st))
                dose.band = BandId(*b);
        e.dosage[st] = std::move(dose);
    }
}

}  // namespace rehab
