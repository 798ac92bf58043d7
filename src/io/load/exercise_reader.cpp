// Reads the "exercises" arrays of knowledge files into ExerciseSpecs: every field of the format
// doc is type-, range- and enumeration-checked here; ids are linked later by KnowledgeGraph::build().
#include "io/load/knowledge_readers.hpp"

namespace rehab::io {

namespace {

const char* const kb = "KB";

template <class E>
std::vector<std::string> names_of(int count) {
    std::vector<std::string> out;
    for (int i = 0; i < count; ++i) out.emplace_back(to_string(static_cast<E>(i)));
    return out;
}

std::vector<PerformsSpec> read_performs(FieldReader& r) {
    std::vector<PerformsSpec> out;
    const auto* arr = r.array("performs", false);
    if (!arr) return out;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        FieldReader p((*arr)[i], r.file(), r.child_pointer("performs") + "/" + std::to_string(i),
                      r.diagnostics(), kb);
        if (!p.is_object()) continue;
        p.allow_only({"movement", "contractions", "resistance"});
        PerformsSpec s;
        s.movement = p.string("movement", true).value_or("");
        s.contractions = read_enum_list(p, "contractions", true, &contraction_from, contraction_names());
        auto res = p.enumeration("resistance", true, names_of<Resistance>(5));
        if (res) s.resistance = *resistance_from(*res);
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<WorksSpec> read_works(FieldReader& r) {
    std::vector<WorksSpec> out;
    const auto* arr = r.array("works", false);
    if (!arr) return out;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        FieldReader w((*arr)[i], r.file(), r.child_pointer("works") + "/" + std::to_string(i),
                      r.diagnostics(), kb);
        if (!w.is_object()) continue;
        w.allow_only({"muscle", "role"});
        WorksSpec s;
        s.muscle = w.string("muscle", true).value_or("");
        s.primary = w.enumeration("role", true, {"primary", "secondary"}).value_or("primary") == "primary";
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<PrecautionSpec> read_precautions(FieldReader& r) {
    std::vector<PrecautionSpec> out;
    const auto* arr = r.array("precautions", false);
    if (!arr) return out;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        FieldReader p((*arr)[i], r.file(), r.child_pointer("precautions") + "/" + std::to_string(i),
                      r.diagnostics(), kb);
        if (!p.is_object()) continue;
        p.allow_only({"condition", "kind", "stages", "reason", "references"});
        PrecautionSpec s;
        s.condition = p.string("condition", true).value_or("");
        s.contraindication = p.enumeration("kind", true, {"precaution", "contraindication"}).value_or("") ==
                             "contraindication";
        s.stages = read_enum_list(p, "stages", false, &stage_from, stage_names());
        s.reason = p.string("reason", true).value_or("");
        s.references = p.string_list("references", false);
        s.origin = {r.file(), p.pointer()};
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<InstructionVariantSpec> read_instruction_variants(FieldReader& r) {
    std::vector<InstructionVariantSpec> out;
    const auto* arr = r.array("instructions_for", false);
    if (!arr) return out;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        FieldReader v((*arr)[i], r.file(), r.child_pointer("instructions_for") + "/" + std::to_string(i),
                      r.diagnostics(), kb);
        if (!v.is_object()) continue;
        v.allow_only({"condition", "instructions", "references"});
        InstructionVariantSpec s;
        s.condition = v.string("condition", true).value_or("");
        s.instructions = v.string_list("instructions", true);
        s.references = v.string_list("references", false);
        s.origin = {r.file(), v.pointer()};
        out.push_back(std::move(s));
    }
    return out;
}

std::optional<DoseSpec> read_dose(const nlohmann::json& j, const std::string& file,
                                  const std::string& pointer, Diagnostics& d) {
    FieldReader r(j, file, pointer, d, kb);
    if (!r.is_object()) return std::nullopt;
    r.allow_only(
        {"sets", "reps", "hold_s", "duration_min", "tempo", "rest_s", "per_week", "band", "per_side"});
    DoseSpec s;
    auto sets = read_range(r, "sets", true, 1, 10);
    s.reps = read_range(r, "reps", false, 1, 100);
    s.hold_s = read_range(r, "hold_s", false, 1, 600);
    s.duration_min = read_range(r, "duration_min", false, 1, 120);
    if (!r.has("reps") && !r.has("hold_s") && !r.has("duration_min"))
        d.error("KB003", {file, pointer + "/reps"}, "dosage needs 'reps', 'hold_s' or 'duration_min'");
    s.tempo = r.string("tempo", false).value_or("");
    s.rest_s = r.integer("rest_s", false, 0, 600).value_or(0);
    auto per_week = r.integer("per_week", true, 1, 14);
    s.band = r.string("band", false).value_or("");
    s.per_side = r.boolean("per_side", false).value_or(false);
    // Returned even when incomplete (errors are reported) so the linker does not also report KB012.
    s.sets = sets.value_or(Range{1, 1});
    s.per_week = per_week.value_or(1);
    return s;
}

void read_dosage(FieldReader& r, ExerciseSpec& s) {
    const auto* obj = r.object("dosage", true);
    if (!obj) return;
    for (const auto& [key, value] : obj->items()) {
        auto ptr = r.child_pointer("dosage") + "/" + json_pointer_escape(key);
        auto stage = stage_from(key);
        if (!stage) {
            auto near = nearest_name(key, stage_names());
            r.diagnostics().error("KB004", {r.file(), ptr}, "dosage for unknown stage '" + key + "'",
                                  near.empty() ? "" : "did you mean '" + near + "'?");
            continue;
        }
        s.dosage[static_cast<int>(*stage)] = read_dose(value, r.file(), ptr, r.diagnostics());
    }
}

void read_exercise(FieldReader& r, ExerciseSpec& s) {
    r.allow_only({"id",       "name",       "source",          "provenance",
                  "stages",   "component",  "position",        "stance",
                  "lies_on",  "equipment",  "needs_therapist", "needs_partner",
                  "performs", "works",      "progresses_to",   "precautions",
                  "dosage",   "purpose",    "instructions",    "instructions_for",
                  "stop_if",  "references", "ladder_note"});
    s.name = r.string("name", true).value_or("");
    s.source = r.enumeration("source", true, {"seed", "project"}).value_or("");
    s.provenance = r.string("provenance", false).value_or("");
    s.stages = read_enum_list(r, "stages", true, &stage_from, stage_names());
    if (const auto* v = r.value("stages", false); v && v->is_array() && v->empty())
        r.diagnostics().error("KB007", {r.file(), r.child_pointer("stages")}, "an exercise needs a stage");
    if (auto c = r.enumeration("component", true, names_of<Component>(component_count)))
        s.component = *component_from(*c);
    s.position = r.string("position", true).value_or("");
    if (auto st = r.enumeration("stance", true, names_of<Stance>(4))) s.stance = *stance_from(*st);
    if (auto l = r.enumeration("lies_on", false, {"working_side", "other_side"}))
        s.lies_on = *lies_on_from(*l);
    s.equipment = r.string_list("equipment", false);
    s.needs_therapist = r.boolean("needs_therapist", false).value_or(false);
    s.needs_partner = r.boolean("needs_partner", false).value_or(false);
    s.performs = read_performs(r);
    s.works = read_works(r);
    s.progresses_to = r.string_list("progresses_to", false);
    s.precautions = read_precautions(r);
    read_dosage(r, s);
    s.purpose = r.string("purpose", true).value_or("");
    s.instructions = r.string_list("instructions", true);
    s.instructions_for = read_instruction_variants(r);
    s.stop_if = r.string("stop_if", false).value_or("");
    s.references = r.string_list("references", true);
    s.ladder_note = r.string("ladder_note", false).value_or("");
}

}  // namespace

void read_exercises(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out) {
    for (std::size_t i = 0; i < a.size(); ++i) {
        FieldReader r(a[i], at.file, at.pointer + "/" + std::to_string(i), d, kb);
        if (!r.is_object()) continue;
        ExerciseSpec s;
        auto id = r.string("id", true);
        read_exercise(r, s);
        s.origin = {at.file, r.pointer()};
        if (id) {
            s.id = *id;
            out.exercises.push_back(std::move(s));
        }
    }
}

}  // namespace rehab::io
