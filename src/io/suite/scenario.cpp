// Reads scenario files into Scenario values: structure checked field by field (SC002-SC007) and
// every exercise, red flag, position, equipment and band id in an expectation resolved against the
// knowledge graph (SC005 with a "did you mean"), so a misspelt expectation fails loudly.
#include "io/suite/scenario.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "io/file/json_files.hpp"
#include "io/json/reader.hpp"

namespace rehab::io {

namespace fs = std::filesystem;

std::string ValueRange::text() const {
    auto num = [](double x) {
        std::ostringstream o;
        o << x;
        return o.str();
    };
    if (min && max) return *min == *max ? "exactly " + num(*min) : num(*min) + "-" + num(*max);
    if (min) return "at least " + num(*min);
    if (max) return "at most " + num(*max);
    return "any";
}

bool AttributeFilter::empty() const {
    return positions.empty() && equipment.empty() && stances.empty() && components.empty() &&
           stages.empty() && contractions.empty() && loads.empty() && !needs_therapist && !needs_partner;
}

namespace {

const std::vector<std::string> change_names = {"new",       "progressed", "held",
                                               "regressed", "replaced",   "dropped"};

class ScenarioReader {
public:
    ScenarioReader(const KnowledgeGraph& kg, std::string file, Diagnostics& d)
        : kg_(kg), file_(std::move(file)), d_(d) {}

    FieldReader reader(const nlohmann::json& j, const std::string& pointer) const {
        return FieldReader(j, file_, pointer, d_, "SC");
    }

    // An id of `kind` ("exercise", ...) from `candidates`; SC005 with the nearest id otherwise.
    bool check_id(const std::string& id, const std::vector<std::string>& candidates, const char* kind,
                  const std::string& pointer) const {
        if (std::find(candidates.begin(), candidates.end(), id) != candidates.end()) return true;
        auto near = nearest_name(id, candidates);
        d_.error("SC005", {file_, pointer}, std::string("unknown ") + kind + " '" + id + "'",
                 near.empty() ? "" : "did you mean '" + near + "'?");
        return false;
    }

    std::vector<std::string> ids(FieldReader& r, const std::string& key,
                                 const std::vector<std::string>& candidates, const char* kind) const {
        auto list = r.string_list(key, false);
        for (std::size_t i = 0; i < list.size(); ++i)
            check_id(list[i], candidates, kind, r.child_pointer(key) + "/" + std::to_string(i));
        return list;
    }

    // A range: a number (exactly) or {"min": a, "max": b}.
    std::optional<ValueRange> range(FieldReader& r, const std::string& key) const {
        const auto* v = r.value(key, false);
        if (!v) return std::nullopt;
        if (v->is_number()) return ValueRange{v->get<double>(), v->get<double>()};
        if (!v->is_object()) {
            r.wrong_type(key, *v, "a number or an object {\"min\", \"max\"}");
            return std::nullopt;
        }
        auto rr = reader(*v, r.child_pointer(key));
        rr.allow_only({"min", "max"});
        ValueRange out{rr.number("min", false, -1e9, 1e9), rr.number("max", false, -1e9, 1e9)};
        if (!out.min && !out.max)
            d_.error("SC003", {file_, r.child_pointer(key)}, "a range needs 'min', 'max' or both");
        else if (out.min && out.max && *out.min > *out.max)
            d_.error("SC007", {file_, r.child_pointer(key)}, "'min' is above 'max'");
        return out;
    }

    std::vector<std::string> exercise_keys() const {
        std::vector<std::string> v;
        for (const auto& e : kg_.exercises()) v.push_back(e.key);
        return v;
    }
    static std::vector<std::string> keys(const std::vector<Named>& named) {
        std::vector<std::string> v;
        for (const auto& n : named) v.push_back(n.key);
        return v;
    }
    std::vector<std::string> red_flag_keys() const {
        std::vector<std::string> v;
        for (const auto& f : kg_.red_flags()) v.push_back(f.key);
        return v;
    }
    std::vector<std::string> band_keys() const {
        std::vector<std::string> v{"none"};
        for (const auto& b : kg_.bands()) v.push_back(b.key);
        return v;
    }

    AttributeFilter filter(FieldReader& r, const std::string& key) const {
        AttributeFilter f;
        const auto* object = r.object(key, false);
        if (!object) return f;
        auto fr = reader(*object, r.child_pointer(key));
        fr.allow_only({"position", "equipment", "stance", "component", "stage", "contraction", "loads",
                       "needs_therapist", "needs_partner"});
        f.positions = ids(fr, "position", keys(kg_.positions()), "position");
        f.equipment = ids(fr, "equipment", keys(kg_.equipment()), "equipment");
        f.stances = ids(fr, "stance", {"none", "both_legs", "other_leg", "affected_leg"}, "stance");
        f.components =
            ids(fr, "component", {"strength", "balance", "motor_control", "mobility", "trunk"}, "component");
        f.stages = ids(fr, "stage", {"early", "mid", "late"}, "stage");
        const std::vector<std::string> contractions{"isometric", "concentric", "eccentric", "stretch"};
        f.contractions = ids(fr, "contraction", contractions, "contraction");
        if (const auto* loads = fr.object("loads", false)) {
            auto lr = reader(*loads, fr.child_pointer("loads"));
            for (const auto& [movement, value] : loads->items()) {
                (void)value;
                check_id(movement, keys(kg_.movements()), "movement", lr.child_pointer(movement));
                f.loads[movement] = ids(lr, movement, contractions, "contraction");
            }
        }
        f.needs_therapist = fr.boolean("needs_therapist", false).value_or(false);
        f.needs_partner = fr.boolean("needs_partner", false).value_or(false);
        return f;
    }

    std::vector<DoseExpectation> doses(FieldReader& r) const {
        std::vector<DoseExpectation> out;
        const auto* object = r.object("dose", false);
        if (!object) return out;
        auto dr = reader(*object, r.child_pointer("dose"));
        auto exercises = exercise_keys();
        exercises.push_back("*");
        for (const auto& [key, value] : object->items()) {
            const std::string pointer = dr.child_pointer(key);
            check_id(key, exercises, "exercise", pointer);
            auto vr = reader(value, pointer);
            if (!vr.is_object()) continue;
            vr.allow_only({"sets", "reps", "reps_top", "hold_s", "rest_s", "per_week", "duration_min", "band",
                           "tempo", "per_side"});
            DoseExpectation e{key,
                              range(vr, "sets"),
                              range(vr, "reps"),
                              range(vr, "reps_top"),
                              range(vr, "hold_s"),
                              range(vr, "rest_s"),
                              range(vr, "per_week"),
                              range(vr, "duration_min"),
                              std::nullopt,
                              vr.string("tempo", false),
                              vr.boolean("per_side", false)};
            if (auto band = vr.string("band", false);
                band && check_id(*band, band_keys(), "band", vr.child_pointer("band")))
                e.band = band;
            out.push_back(std::move(e));
        }
        return out;
    }

    std::vector<ChangeExpectation> changes(FieldReader& r) const {
        std::vector<ChangeExpectation> out;
        const auto* object = r.object("change", false);
        if (!object) return out;
        auto cr = reader(*object, r.child_pointer("change"));
        for (const auto& [key, value] : object->items()) {
            check_id(key, exercise_keys(), "exercise", cr.child_pointer(key));
            ChangeExpectation c{key, {}};
            if (value.is_string()) {
                c.allowed.push_back(value.get<std::string>());
            } else {
                c.allowed = cr.string_list(key, true);
                if (!value.is_array()) continue;
            }
            for (std::size_t i = 0; i < c.allowed.size(); ++i)
                check_id(c.allowed[i], change_names, "change",
                         cr.child_pointer(key) + (value.is_array() ? "/" + std::to_string(i) : ""));
            out.push_back(std::move(c));
        }
        return out;
    }

    std::optional<ErrorExpectation> error(FieldReader& r) const {
        const auto* object = r.object("error", false);
        if (!object) return std::nullopt;
        auto er = reader(*object, r.child_pointer("error"));
        er.allow_only({"code", "pointer"});
        auto code = er.string("code", true);
        auto pointer = er.string("pointer", false);
        if (!code) return std::nullopt;
        return ErrorExpectation{*code, pointer.value_or("")};
    }

    Expectations expectations(const nlohmann::json& j, const std::string& pointer) const {
        Expectations e;
        auto r = reader(j, pointer);
        if (!r.is_object()) return e;
        r.allow_only({"referral", "red_flags", "urgency", "stage", "irritability", "include", "exclude",
                      "eligible", "include_any", "count", "components", "none_with", "dose", "change",
                      "warnings", "no_warnings", "error", "golden"});
        e.referral = r.boolean("referral", false);
        e.red_flags = ids(r, "red_flags", red_flag_keys(), "red flag");
        e.urgency = r.enumeration("urgency", false, {"emergency", "urgent"});
        e.stage = r.enumeration("stage", false, {"early", "mid", "late"});
        e.irritability = r.enumeration("irritability", false, {"low", "moderate", "high"});
        const auto all = exercise_keys();
        e.include = ids(r, "include", all, "exercise");
        e.exclude = ids(r, "exclude", all, "exercise");
        e.eligible = ids(r, "eligible", all, "exercise");
        e.include_any = ids(r, "include_any", all, "exercise");
        e.count = range(r, "count");
        if (const auto* comps = r.object("components", false)) {
            auto cr = reader(*comps, r.child_pointer("components"));
            for (const auto& [key, value] : comps->items()) {
                (void)value;
                if (!check_id(key, {"strength", "balance", "motor_control", "mobility", "trunk"}, "component",
                              cr.child_pointer(key)))
                    continue;
                if (auto rg = range(cr, key)) e.components[key] = *rg;
            }
        }
        e.none_with = filter(r, "none_with");
        e.dose = doses(r);
        e.change = changes(r);
        e.warnings = r.string_list("warnings", false);
        e.no_warnings = r.string_list("no_warnings", false);
        e.error = error(r);
        // Every scenario that yields a programme has a golden document unless it opts out; an
        // expected input error yields none, so asking for one there could never be checked.
        const auto golden = r.boolean("golden", false);
        e.golden = golden.value_or(!e.error.has_value());
        if (e.golden && e.error)
            d_.error("SC007", {file_, r.child_pointer("golden")},
                     "a scenario that expects an input error has no programme document to compare",
                     "drop 'golden' (error scenarios have no golden file)");
        return e;
    }

private:
    const KnowledgeGraph& kg_;
    std::string file_;
    Diagnostics& d_;
};

}  // namespace

std::optional<Scenario> read_scenario(const nlohmann::json& doc, const KnowledgeGraph& kg,
                                      const std::string& file, Diagnostics& d) {
    const std::size_t before = d.error_count();
    ScenarioReader sr(kg, file, d);
    auto r = sr.reader(doc, "");
    if (!r.is_object()) {
        d.error("SC002", {file, ""}, "a scenario should be a JSON object, found " + json_type_name(doc));
        return std::nullopt;
    }
    r.allow_only({"name", "description", "tags", "reference", "profile", "expect"});
    Scenario s;
    s.file = file;
    s.name = r.string("name", true).value_or("");
    if (!s.name.empty() && s.name.find_first_of("/\\ \t") != std::string::npos)
        d.error("SC007", {file, "/name"},
                "the name '" + s.name + "' must not contain spaces or slashes (it names the golden file)");
    s.description = r.string("description", false).value_or("");
    s.reference = r.string("reference", false).value_or("");
    s.tags = r.string_list("tags", false);
    if (const auto* p = r.value("profile", true)) s.profile = *p;
    if (const auto* e = r.object("expect", true)) s.expect = sr.expectations(*e, "/expect");
    if (d.error_count() != before) return std::nullopt;
    return s;
}

std::optional<Scenario> read_scenario_file(const std::string& path, const KnowledgeGraph& kg,
                                           Diagnostics& d) {
    auto text = read_text_file(path, d, "SC014");
    if (!text) return std::nullopt;
    auto doc = parse_json(*text, path, d, "SC001");
    if (!doc) return std::nullopt;
    return read_scenario(*doc, kg, path, d);
}

std::vector<std::string> find_scenario_files(const std::vector<std::string>& paths, Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) {
            out.push_back(fs::path(p).lexically_normal().generic_string());
            continue;
        }
        if (!fs::is_directory(p, ec)) {
            d.error("SC014", {p, ""}, "no such scenario file or folder");
            continue;
        }
        JsonFiles listing = list_json_files(p, "golden");  // golden outputs are not scenarios
        for (const auto& skipped : listing.skipped) {
            if (skipped.broken)
                d.error("SC014", {skipped.path, ""},
                        "cannot read the scenario folder entry: " + skipped.reason,
                        "remove the link or point it at a scenario file");
            else
                d.warning("SC015", {skipped.path, ""}, "skipped: " + skipped.reason);
        }
        for (const auto& rel : listing.files)
            out.push_back((fs::path(p) / rel).lexically_normal().generic_string());
        if (!listing.error.empty()) d.error("SC014", {p, ""}, "cannot read the folder: " + listing.error);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string golden_path(const Scenario& s) {
    std::error_code ec;
    const fs::path own = fs::absolute(fs::path(s.file), ec).parent_path();
    fs::path dir = own;
    for (int level = 0; level < 4 && !dir.empty(); ++level, dir = dir.parent_path()) {  // a few levels up
        if (fs::is_directory(dir / "golden", ec))
            return (dir / "golden" / (s.name + ".json")).generic_string();
        if (dir == dir.parent_path()) break;
    }
    return (own / "golden" / (s.name + ".json")).generic_string();
}

}  // namespace rehab::io
