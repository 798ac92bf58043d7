// Reads the loading ladders of the knowledge base ("ladders": id, name, description, the clinical
// reference's section, references, and rungs from the lightest load, each a name and exercise ids).
// The linker checks the ids and that the progression chains climb the rungs.
#include "io/load/knowledge_readers.hpp"

namespace rehab::io {

namespace {

std::vector<RungSpec> read_rungs(FieldReader& r) {
    std::vector<RungSpec> out;
    const auto* rungs = r.array("rungs", true);
    if (!rungs) return out;
    if (rungs->empty())
        r.diagnostics().error("KB007", {r.file(), r.child_pointer("rungs")},
                              "a ladder needs at least one rung");
    for (std::size_t i = 0; i < rungs->size(); ++i) {
        FieldReader rr((*rungs)[i], r.file(), r.child_pointer("rungs") + "/" + std::to_string(i),
                       r.diagnostics(), "KB");
        if (!rr.is_object()) continue;
        rr.allow_only({"name", "exercises"});
        RungSpec s;
        s.name = rr.string("name", true).value_or("");
        s.exercises = rr.string_list("exercises", true);
        if (const auto* v = rr.value("exercises", false); v && v->is_array() && v->empty())
            rr.diagnostics().error("KB007", {rr.file(), rr.child_pointer("exercises")},
                                   "a rung needs at least one exercise");
        s.origin = {rr.file(), rr.pointer()};
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace

void read_ladders(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out) {
    for (std::size_t i = 0; i < a.size(); ++i) {
        FieldReader r(a[i], at.file, at.pointer + "/" + std::to_string(i), d, "KB");
        if (!r.is_object()) continue;
        r.allow_only({"id", "name", "description", "section", "references", "rungs"});
        LadderSpec s;
        auto id = r.string("id", true);
        s.name = r.string("name", true).value_or("");
        s.description = r.string("description", false).value_or("");
        s.section = r.string("section", false).value_or("");
        s.references = r.string_list("references", true);
        s.rungs = read_rungs(r);
        s.origin = {at.file, r.pointer()};
        if (id) out.ladders.push_back((s.id = *id, std::move(s)));
    }
}

}  // namespace rehab::io
