// Reading rule files: every *.json under the folder in sorted order, each an object with optional
// "meta", "facts" (derived fact declarations) and "rules". Actions are objects with one key naming
// their kind. Structure problems are RF codes; language problems are found by the compiler (RL).
#include "io/load/rules_loader.hpp"

#include <algorithm>
#include <filesystem>

#include "core/recommend/clinical_schema.hpp"
#include "io/file/json_files.hpp"
#include "io/json/reader.hpp"
#include "io/load/knowledge_loader.hpp"

namespace rehab::io {

namespace {

using nlohmann::json;

void read_fact(const json& j, const std::string& file, const std::string& ptr, RuleSetData& out,
               Diagnostics& d) {
    FieldReader r(j, file, ptr, d, "RF");
    if (!r.is_object()) return;
    r.allow_only({"name", "type", "values", "min", "max", "label", "unit", "description"});
    DerivedFactSpec f;
    f.origin = {file, ptr};
    f.name = r.string("name", true).value_or("");
    f.type = r.enumeration("type", true, {"number", "boolean", "enumeration"}).value_or("number");
    f.values = r.string_list("values", f.type == "enumeration");
    f.min = r.number("min", false, -1e12, 1e12);
    f.max = r.number("max", false, -1e12, 1e12);
    f.label = r.string("label", false).value_or("");
    f.unit = r.string("unit", false).value_or("");
    f.description = r.string("description", false).value_or("");
    out.facts.push_back(std::move(f));
}

std::optional<ActionKind> kind_from(const std::string& k) {
    static const std::pair<const char*, ActionKind> kinds[] = {
        {"refer", ActionKind::refer},     {"derive", ActionKind::derive}, {"exclude", ActionKind::exclude},
        {"require", ActionKind::require}, {"prefer", ActionKind::prefer}, {"avoid", ActionKind::avoid},
        {"dose", ActionKind::dose},       {"limit", ActionKind::limit},   {"warn", ActionKind::warn},
        {"window", ActionKind::exclude}};
    for (auto [n, kind] : kinds)
        if (k == n) return kind;
    return std::nullopt;
}

// {"window": {"ladder": L, "rungs": [low, high]}}: the rungs of ladder L the patient may use; read as
// an exclude of L's other rungs, so that it is hard and explained like any exclusion.
bool read_window(FieldReader& r, ActionSpec& a) {
    r.allow_only({"ladder", "rungs"});
    a.window_ladder = r.string("ladder", true).value_or("");
    a.select_pointer = a.pointer + "/ladder";
    const json* rungs = r.value("rungs", true);
    if (!rungs) return false;
    if (!rungs->is_array() || rungs->size() != 2 || !(*rungs)[0].is_number_integer() ||
        !(*rungs)[1].is_number_integer()) {
        r.wrong_type("rungs", *rungs, "a [low, high] pair of whole numbers");
        return false;
    }
    a.window_low = (*rungs)[0].get<int>(), a.window_high = (*rungs)[1].get<int>();
    if (a.window_low < 1 || a.window_high > 64 || a.window_low > a.window_high) {
        r.diagnostics().error("RF007", {r.file(), r.child_pointer("rungs")},
                              "window rungs [" + std::to_string(a.window_low) + ", " +
                                  std::to_string(a.window_high) + "] are not 1 <= low <= high <= 64");
        return false;
    }
    if (a.window_ladder.empty()) return false;
    a.select = "ladder(" + a.window_ladder + ") and not rung(" + a.window_ladder + ", " +
               std::to_string(a.window_low) + ", " + std::to_string(a.window_high) + ")";
    return true;
}

bool read_action(const json& j, const std::string& file, const std::string& rule_ptr, std::size_t index,
                 ActionSpec& a, Diagnostics& d) {
    std::string ptr = rule_ptr + "/then/" + std::to_string(index);
    a.pointer = "/then/" + std::to_string(index);
    static const std::vector<std::string> names = {"refer", "derive", "exclude", "require", "prefer",
                                                   "avoid", "dose",   "limit",   "warn",    "window"};
    if (!j.is_object() || j.size() != 1) {
        d.error("RF002", {file, ptr},
                "an action is an object with exactly one key naming its kind, found " + json_type_name(j) +
                    (j.is_object() ? " with " + std::to_string(j.size()) + " keys" : ""),
                "one of refer, derive, exclude, require, prefer, avoid, dose, limit, warn, window");
        return false;
    }
    const std::string key = j.begin().key();  // (not via items(): its proxy would dangle)
    const json& body = j.begin().value();
    auto kind = kind_from(key);
    if (!kind) {
        auto near = nearest_name(key, names);
        d.error(
            "RF004", {file, ptr + "/" + json_pointer_escape(key)}, "unknown action '" + key + "'",
            near.empty()
                ? "expected one of refer, derive, exclude, require, prefer, avoid, dose, limit, warn, window"
                : "did you mean '" + near + "'?");
        return false;
    }
    a.kind = *kind;
    a.pointer += "/" + key;
    std::string body_ptr = ptr + "/" + key;
    if (body.is_string()) {  // shorthand: "exclude": "selector", "warn": "text"
        if (a.kind == ActionKind::warn)
            a.text = body.get<std::string>();
        else if (a.kind == ActionKind::refer)
            a.text = body.get<std::string>();
        else if (a.kind == ActionKind::derive || a.kind == ActionKind::limit) {
            d.error("RF002", {file, body_ptr},
                    std::string(to_string(a.kind)) + " needs an object, found a string");
            return false;
        } else
            a.select = body.get<std::string>();
        return true;
    }
    FieldReader r(body, file, body_ptr, d, "RF");
    if (!r.is_object()) return false;
    if (key == "window") return read_window(r, a);
    switch (a.kind) {
        case ActionKind::refer:
            r.allow_only({"red_flag", "reason", "urgency"});
            a.red_flag = r.string("red_flag", false).value_or("");
            a.text = r.string("reason", false).value_or("");
            a.urgency = r.enumeration("urgency", false, {"emergency", "urgent"}).value_or("");
            break;
        case ActionKind::derive:
            r.allow_only({"fact", "value"});
            a.fact = r.string("fact", true).value_or("");
            if (const json* v = r.value("value", true)) {
                if (v->is_string())
                    a.value = v->get<std::string>();
                else if (v->is_boolean())
                    a.value = v->get<bool>() ? "true" : "false";
                else if (v->is_number())
                    a.value = v->dump();
                else
                    r.wrong_type("value", *v, "an expression string, a number or a boolean");
            }
            break;
        case ActionKind::exclude:
        case ActionKind::require:
        case ActionKind::prefer:
        case ActionKind::avoid:
            r.allow_only({"select", "weight"});
            a.select = r.string("select", true).value_or("");
            a.select_pointer = a.pointer + "/select";
            a.weight = r.number("weight", false, 0, 1000).value_or(1);
            break;
        case ActionKind::dose:
            r.allow_only({"select", "level", "sets", "reps", "hold_s", "rest_s", "per_week", "volume_scale",
                          "band_step", "tempo", "per_side"});
            a.select = r.string("select", false).value_or("");
            a.select_pointer = a.pointer + "/select";
            a.level = r.enumeration("level", false, {"low", "full"}).value_or("");
            a.sets = r.integer("sets", false, 1, 10);
            a.reps = r.integer("reps", false, 1, 100);
            a.hold_s = r.integer("hold_s", false, 1, 600);
            a.rest_s = r.integer("rest_s", false, 0, 600);
            a.per_week = r.integer("per_week", false, 1, 14);
            a.volume_scale = r.number("volume_scale", false, 0.1, 2);
            a.band_step = r.integer("band_step", false, -7, 7).value_or(0);
            a.tempo = r.string("tempo", false).value_or("");
            a.per_side = r.boolean("per_side", false);
            break;
        case ActionKind::limit:
            r.allow_only({"component", "min", "max"});
            a.component = r.string("component", false).value_or("");
            a.min = r.integer("min", false, 0, 100);
            a.max = r.integer("max", false, 0, 100);
            break;
        case ActionKind::warn:
            r.allow_only({"text", "select"});
            a.text = r.string("text", true).value_or("");
            a.select = r.string("select", false).value_or("");
            a.select_pointer = a.pointer + "/select";
            break;
    }
    return true;
}

void read_rule(const json& j, const std::string& file, const std::string& ptr, RuleSetData& out,
               Diagnostics& d) {
    FieldReader r(j, file, ptr, d, "RF");
    if (!r.is_object()) return;
    r.allow_only({"id", "category", "rationale", "evidence", "priority", "when", "then"});
    RuleSpec rule;
    rule.origin = {file, ptr};
    rule.id = r.string("id", true).value_or("");
    rule.category = r.string("category", false).value_or("");
    rule.rationale = r.string("rationale", true).value_or("");
    rule.priority = r.integer("priority", false, -1000000, 1000000).value_or(0);
    rule.when = r.string("when", true).value_or("false");
    if (const json* ev = r.object("evidence", true)) {
        FieldReader e(*ev, file, ptr + "/evidence", d, "RF");
        e.allow_only({"references", "grade"});
        rule.references = e.string_list("references", false);
        rule.grade = e.string("grade", true).value_or("derived");
    }
    if (const json* then = r.array("then", true))
        for (std::size_t i = 0; i < then->size(); ++i) {
            ActionSpec a;
            if (read_action((*then)[i], file, ptr, i, a, d)) rule.then.push_back(std::move(a));
        }
    out.rules.push_back(std::move(rule));
}

}  // namespace

void read_rules_text(const std::string& text, const std::string& file, RuleSetData& out, Diagnostics& d) {
    auto doc = parse_json(text, file, d, "RF001");
    if (!doc) return;
    FieldReader top(*doc, file, "", d, "RF");
    if (!top.is_object()) return;
    top.allow_only({"meta", "facts", "rules"});
    if (const json* meta = top.object("meta", false)) {
        FieldReader m(*meta, file, "/meta", d, "RF");
        m.allow_only({"name", "version", "description"});
        m.string("name", false);
        if (auto v = m.string("version", false)) out.version = *v;
        m.string("description", false);
    }
    if (const json* facts = top.array("facts", false))
        for (std::size_t i = 0; i < facts->size(); ++i)
            read_fact((*facts)[i], file, "/facts/" + std::to_string(i), out, d);
    if (const json* rules = top.array("rules", false))
        for (std::size_t i = 0; i < rules->size(); ++i)
            read_rule((*rules)[i], file, "/rules/" + std::to_string(i), out, d);
}

RuleSetData read_rules_dir(const std::string& dir, Diagnostics& d) {
    namespace fs = std::filesystem;
    RuleSetData out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        d.error("RF014", {dir, ""}, "rules folder '" + dir + "' does not exist or is not a folder");
        return out;
    }
    JsonFiles listing = list_json_files(dir);
    for (const auto& skipped : listing.skipped) {
        if (skipped.broken)
            d.error("RF014", {skipped.path, ""}, "cannot read the rules folder entry: " + skipped.reason,
                    "remove the link or point it at a rule file");
        else
            d.warning("RF015", {skipped.path, ""}, "skipped: " + skipped.reason);
    }
    if (!listing.error.empty()) d.error("RF014", {dir, ""}, "cannot read the rules folder: " + listing.error);
    const auto& files = listing.files;
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const auto& rel : files) {
        std::string shown = (fs::path(dir) / rel).string();
        auto text = read_text_file(shown, d, "RF014");
        if (!text) continue;
        hash = fnv1a64(rel, hash);
        hash = fnv1a64(*text, hash);
        read_rules_text(*text, shown, out, d);
    }
    if (files.empty()) d.error("RF014", {dir, ""}, "no rule files (*.json) in '" + dir + "'");
    out.content_hash = to_hex(hash);
    return out;
}

std::shared_ptr<const RuleSet> load_clinical_rules(const std::string& dir,
                                                   std::shared_ptr<const KnowledgeGraph> kg, Diagnostics& d) {
    RuleSetData data = read_rules_dir(dir, d);
    if (d.has_errors()) return nullptr;
    FactSchema inputs = make_clinical_schema(*kg);
    return RuleSet::compile(data, std::move(kg), inputs, d);
}

std::shared_ptr<const Recommender> load_recommender(const std::string& knowledge_dir,
                                                    const std::string& rules_dir, Diagnostics& d) {
    auto kg = load_knowledge(knowledge_dir, d);
    if (!kg) return nullptr;
    auto rules = load_clinical_rules(rules_dir, kg, d);
    if (!rules) return nullptr;
    return Recommender::create(rules, d);
}

}  // namespace rehab::io
