// Readers for the simple knowledge entities (references, movements, muscles, equipment, positions,
// bands, red flags, conditions, codes) plus the shared range and enumeration-list helpers.
// Exercises, the largest entity, are read in exercise_reader.cpp.
#include "io/load/knowledge_readers.hpp"

#include <sstream>

namespace rehab::io {

namespace {

const char* const kb = "KB";

std::string item_pointer(const ArrayPlace& at, std::size_t i) { return at.pointer + "/" + std::to_string(i); }

// Calls f(FieldReader&, Location) for each object in the array.
template <class F>
void for_each_item(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, F&& f) {
    for (std::size_t i = 0; i < a.size(); ++i) {
        FieldReader r(a[i], at.file, item_pointer(at, i), d, kb);
        if (!r.is_object()) continue;
        f(r, Location{at.file, r.pointer()});
    }
}

}  // namespace

std::vector<std::string> stage_names() {
    std::vector<std::string> out;
    for (int i = 0; i < stage_count; ++i) out.emplace_back(to_string(static_cast<Stage>(i)));
    return out;
}

std::vector<std::string> contraction_names() {
    std::vector<std::string> out;
    for (int i = 0; i < contraction_count; ++i) out.emplace_back(to_string(static_cast<Contraction>(i)));
    return out;
}

std::optional<Range> read_range(FieldReader& r, const std::string& key, bool required, double lo, double hi) {
    auto& d = r.diagnostics();
    const auto* v = r.value(key, required);
    if (!v) return std::nullopt;
    Range range;
    if (v->is_number()) {
        range.min = range.max = v->get<double>();
    } else if (v->is_array() && v->size() == 2 && (*v)[0].is_number() && (*v)[1].is_number()) {
        range = {(*v)[0].get<double>(), (*v)[1].get<double>()};
    } else {
        r.wrong_type(key, *v, "a [min, max] pair of numbers");
        return std::nullopt;
    }
    bool ok = true;
    for (int i = 0; i < 2; ++i) {
        double x = i == 0 ? range.min : range.max;
        if (x < lo || x > hi) {
            std::ostringstream msg;
            msg << (i == 0 ? "minimum" : "maximum") << " of '" << key << "' is " << x << ", expected from "
                << lo << " to " << hi;
            d.error("KB007",
                    {r.file(), r.child_pointer(key) + (v->is_array() ? "/" + std::to_string(i) : "")},
                    msg.str());
            ok = false;
            if (!v->is_array()) break;
        }
    }
    if (ok && range.min > range.max) {
        d.error("KB007", {r.file(), r.child_pointer(key)},
                "range of '" + key + "' has its minimum above its maximum");
        ok = false;
    }
    return ok ? std::optional<Range>(range) : std::nullopt;
}

template <class E>
std::vector<E> read_enum_list(FieldReader& r, const std::string& key, bool required,
                              std::optional<E> (*parse)(std::string_view),
                              const std::vector<std::string>& allowed) {
    std::vector<E> out;
    auto names = r.string_list(key, required);
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (auto e = parse(names[i])) {
            out.push_back(*e);
            continue;
        }
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        auto near = nearest_name(names[i], allowed);
        r.diagnostics().error("KB007", {r.file(), r.child_pointer(key) + "/" + std::to_string(i)},
                              "'" + names[i] + "' is not one of: " + list,
                              near.empty() ? "" : "did you mean '" + near + "'?");
    }
    return out;
}
template std::vector<Stage> read_enum_list(FieldReader&, const std::string&, bool,
                                           std::optional<Stage> (*)(std::string_view),
                                           const std::vector<std::string>&);
template std::vector<Contraction> read_enum_list(FieldReader&, const std::string&, bool,
                                                 std::optional<Contraction> (*)(std::string_view),
                                                 const std::vector<std::string>&);

void read_references(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out) {
    for_each_item(a, at, d, [&](FieldReader& r, Location origin) {
        r.allow_only({"id", "citation", "grade"});
        ReferenceSpec s;
        auto id = r.string("id", true);
        s.citation = r.string("citation", true).value_or("");
        s.grade = r.enumeration("grade", true, {"trial", "practice", "derived", "check"}).value_or("");
        s.origin = std::move(origin);
        if (id) out.references.push_back((s.id = *id, std::move(s)));
    });
}

void read_movements(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out) {
    for_each_item(a, at, d, [&](FieldReader& r, Location origin) {
        r.allow_only({"id", "name", "region", "description"});
        SimpleSpec s;
        auto id = r.string("id", true);
        s.name = r.string("name", true).value_or("");
        s.region = r.enumeration("region", true, {"hip", "knee", "trunk", "ankle"}).value_or("");
        s.description = r.string("description", false).value_or("");
        s.origin = std::move(origin);
        if (id) out.movements.push_back((s.id = *id, std::move(s)));
    });
}

void read_named(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, std::vector<SimpleSpec>& out) {
    for_each_item(a, at, d, [&](FieldReader& r, Location origin) {
        r.allow_only({"id", "name"});
        SimpleSpec s;
        auto id = r.string("id", true);
        s.name = r.string("name", true).value_or("");
        s.origin = std::move(origin);
        if (id) out.push_back((s.id = *id, std::move(s)));
    });
}

void read_muscles(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out) {
    for_each_item(a, at, d, [&](FieldReader& r, Location origin) {
        r.allow_only({"id", "name", "group", "actions", "references"});
        MuscleSpec s;
        auto id = r.string("id", true);
        s.name = r.string("name", true).value_or("");
        s.group = r.string("group", false).value_or("");
        s.actions = r.string_list("actions", false);
        s.references = r.string_list("references", false);
        s.origin = std::move(origin);
        if (id) out.muscles.push_back((s.id = *id, std::move(s)));
    });
}

void read_bands(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out) {
    for_each_item(a, at, d, [&](FieldReader& r, Location origin) {
        r.allow_only({"id", "name", "force_lb"});
        BandSpec s;
        auto id = r.string("id", true);
        s.name = r.string("name", true).value_or("");
        auto force = r.number("force_lb", true, 0, 1000);
        if (force && *force <= 0)
            d.error("KB007", {r.file(), r.child_pointer("force_lb")}, "field 'force_lb' must be above 0");
        s.force_lb = force.value_or(0);
        s.origin = std::move(origin);
        if (id) out.bands.push_back((s.id = *id, std::move(s)));
    });
}

void read_red_flags(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out) {
    for_each_item(a, at, d, [&](FieldReader& r, Location origin) {
        r.allow_only({"id", "name", "concern", "urgency", "advice", "references"});
        RedFlagSpec s;
        auto id = r.string("id", true);
        s.name = r.string("name", true).value_or("");
        s.concern = r.string("concern", true).value_or("");
        auto urgency = r.enumeration("urgency", true, {"emergency", "urgent"});
        if (urgency) s.urgency = *urgency_from(*urgency);
        s.advice = r.string("advice", true).value_or("");
        s.references = r.string_list("references", false);
        s.origin = std::move(origin);
        if (id) out.red_flags.push_back((s.id = *id, std::move(s)));
    });
}

namespace {
std::vector<ProvokeSpec> read_provoked_by(FieldReader& r) {
    std::vector<ProvokeSpec> out;
    const auto* arr = r.array("provoked_by", true);
    if (!arr) return out;
    ArrayPlace at{r.file(), r.child_pointer("provoked_by")};
    for_each_item(*arr, at, r.diagnostics(), [&](FieldReader& p, const Location&) {
        p.allow_only({"movement", "contractions"});
        ProvokeSpec s;
        s.movement = p.string("movement", true).value_or("");
        s.contractions = read_enum_list(p, "contractions", true, &contraction_from, contraction_names());
        out.push_back(std::move(s));
    });
    return out;
}

std::vector<EducationSpec> read_education(FieldReader& r) {
    std::vector<EducationSpec> out;
    const auto* arr = r.array("education", false);
    if (!arr) return out;
    ArrayPlace at{r.file(), r.child_pointer("education")};
    for_each_item(*arr, at, r.diagnostics(), [&](FieldReader& e, Location origin) {
        e.allow_only({"text", "references"});
        EducationSpec s;
        s.text = e.string("text", true).value_or("");
        s.references = e.string_list("references", true);
        s.origin = std::move(origin);
        out.push_back(std::move(s));
    });
    return out;
}
// A condition's protocol: {name, exercises, through_stage, references}.
std::optional<ProtocolSpec> read_protocol(FieldReader& r) {
    const auto* obj = r.object("protocol", false);
    if (!obj) return std::nullopt;
    FieldReader p(*obj, r.file(), r.child_pointer("protocol"), r.diagnostics(), r.code_prefix());
    p.allow_only({"name", "exercises", "through_stage", "references"});
    ProtocolSpec s;
    s.name = p.string("name", true).value_or("");
    s.exercises = p.string_list("exercises", true);
    s.through = stage_from(p.enumeration("through_stage", true, {"early", "mid", "late"}).value_or("mid"))
                    .value_or(Stage::mid);
    s.references = p.string_list("references", true);
    s.origin = {r.file(), r.child_pointer("protocol")};
    return s;
}
}  // namespace

void read_conditions(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out) {
    for_each_item(a, at, d, [&](FieldReader& r, Location origin) {
        r.allow_only({"id", "name", "definition", "involves", "provoked_by", "key_movement", "pain_ceiling",
                      "education", "protocol", "references"});
        ConditionSpec s;
        auto id = r.string("id", true);
        s.name = r.string("name", true).value_or("");
        s.definition = r.string("definition", true).value_or("");
        s.involves = r.string_list("involves", true);
        s.provoked_by = read_provoked_by(r);
        s.key_movement = r.string("key_movement", true).value_or("");
        s.pain_ceiling = r.number("pain_ceiling", false, 0, 10).value_or(5);
        s.education = read_education(r);
        s.protocol = read_protocol(r);
        s.references = r.string_list("references", true);
        s.origin = std::move(origin);
        if (id) out.conditions.push_back((s.id = *id, std::move(s)));
    });
}

void read_codes(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out) {
    for_each_item(a, at, d, [&](FieldReader& r, Location origin) {
        r.allow_only({"system", "code", "condition", "match", "note"});
        CodeSpec s;
        s.system = r.enumeration("system", true, {"snomed", "icd10", "icd10cm"}).value_or("");
        s.code = r.string("code", true).value_or("");
        s.condition = r.string("condition", true).value_or("");
        s.match = r.enumeration("match", true, {"exact", "nearest", "category"}).value_or("");
        s.note = r.string("note", false).value_or("");
        s.origin = std::move(origin);
        out.codes.push_back(std::move(s));
    });
}

}  // namespace rehab::io
