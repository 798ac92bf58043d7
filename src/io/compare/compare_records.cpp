// Rendering of compare records. JSON records are nlohmann objects (keys sorted, as batch's error
// records), so that the shape is one documented, deterministic object per line.
#include "io/compare/compare_records.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "io/render/diagnostics_json.hpp"
#include "io/suite/batch.hpp"
#include "io/table/programme_csv.hpp"

namespace rehab::io {

namespace {

using nlohmann::json;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string joined(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
    return s;
}

json change_json(const ProgrammeChange& c) {
    json j{{"kind", to_string(c.kind)}, {"from", c.from}, {"to", c.to}, {"rules", c.rules}};
    if (!c.exercise.empty()) j["exercise"] = c.exercise;
    if (!c.field.empty()) j["field"] = c.field;
    return j;
}

std::string change_text(const ProgrammeChange& c) {
    std::string t = std::string("  ") + to_string(c.kind) + ": ";
    switch (c.kind) {
        case ChangeKind::exercise_added:
        case ChangeKind::exercise_removed:
            t += c.exercise;
            break;
        case ChangeKind::dose:
            t += c.exercise + " " + c.field + " " + (c.from.empty() ? "-" : c.from) + " -> " +
                 (c.to.empty() ? "-" : c.to);
            break;
        default:
            t += (c.from.empty() ? "-" : c.from) + " -> " + (c.to.empty() ? "-" : c.to);
    }
    if (!c.rules.empty()) t += " (" + joined(c.rules, ", ") + ")";
    return t;
}

void csv_start(std::string& out, std::size_t line, const std::string& id, const char* status) {
    out += std::to_string(line) + ",";
    append_csv_field(out, id);
    out += std::string(",") + status + ",,";  // no error codes, no error message
}

void csv_change(std::string& out, const std::string& condition, const ProgrammeChange* c) {
    out += ",";
    append_csv_field(out, condition);
    const std::string kind = c ? to_string(c->kind) : "";
    for (const auto& v : {kind, c ? c->exercise : "", c ? c->field : "", c ? c->from : "", c ? c->to : "",
                          c ? joined(c->rules, ";") : ""}) {
        out += ",";
        append_csv_field(out, v);
    }
}

json pairs(const std::map<std::string, CountPair>& m, const char* first, const char* second) {
    json j = json::object();
    for (const auto& [k, v] : m) j[k] = {{first, v.profiles}, {second, v.changes}};
    return j;
}

void table(std::string& t, const std::map<std::string, CountPair>& m, const char* heading) {
    t += heading;
    if (m.empty()) t += " none";
    t += "\n";
    for (const auto& [k, v] : m) {
        char row[256];
        std::snprintf(row, sizeof row, "  %-44s %8zu %8zu\n", k.c_str(), v.profiles, v.changes);
        t += row;
    }
}

}  // namespace

std::optional<CompareFormat> parse_compare_format(const std::string& name) {
    if (name == "text") return CompareFormat::text;
    if (name == "json") return CompareFormat::json;
    if (name == "csv") return CompareFormat::csv;
    return std::nullopt;
}

std::string compare_csv_header() {
    return "line,profile_id,status,error_codes,error_message,condition,kind,exercise,field,from,to,rules\n";
}

void append_compare_record(CompareFormat f, std::size_t line, const std::string& id,
                           const std::string& condition, const ProgrammeDiff& d, std::string& out) {
    const char* status = d.empty() ? "unchanged" : "changed";
    if (f == CompareFormat::json) {
        json changes = json::array();
        for (const auto& c : d.changes) changes.push_back(change_json(c));
        out += dump(json{{"record", "profile"},
                         {"line", line},
                         {"id", id},
                         {"condition", condition},
                         {"status", status},
                         {"changes", changes},
                         {"responsible", d.responsible},
                         {"fired_only_a", d.fired_only_a},
                         {"fired_only_b", d.fired_only_b},
                         {"changed_rules_fired", d.changed_fired}});
    } else if (f == CompareFormat::csv) {
        if (d.empty()) {
            csv_start(out, line, id, status);
            csv_change(out, condition, nullptr);
        }
        for (std::size_t i = 0; i < d.changes.size(); ++i) {
            if (i > 0) out += "\n";
            csv_start(out, line, id, status);
            csv_change(out, condition, &d.changes[i]);
        }
    } else {
        out += "line " + std::to_string(line) + " " + (id.empty() ? "(no id)" : id) + " " + condition + ": ";
        if (d.empty()) {
            out += "no change";
            return;
        }
        out += std::to_string(d.changes.size()) + (d.changes.size() == 1 ? " change" : " changes");
        if (!d.responsible.empty()) out += "; rules: " + joined(d.responsible, ", ");
        for (const auto& c : d.changes) out += "\n" + change_text(c);
    }
}

void append_compare_error(CompareFormat f, std::size_t line, const std::string& text, const Diagnostics& d,
                          std::string& out) {
    if (f == CompareFormat::json) {
        out += batch_error_record(line, d, readable_profile_id(text));
    } else if (f == CompareFormat::csv) {
        append_error_csv_row(line, text, d, 7, out);
    } else {
        const std::string id = readable_profile_id(text);
        out += "line " + std::to_string(line) + " " + (id.empty() ? "(no id)" : id) + ": refused";
        for (const auto& x : d.items()) {
            out +=
                std::string("\n  ") + (x.severity == Severity::error ? "error[" : "warning[") + x.code + "]";
            if (!x.location.pointer.empty()) out += " at " + x.location.pointer;
            out += ": " + x.message;
            if (!x.hint.empty()) out += " (" + x.hint + ")";
        }
    }
}

std::string compare_aggregate_text(CompareFormat f, const CompareAggregate& s) {
    const std::vector<std::string> changed_rules(s.changed_rules.begin(), s.changed_rules.end());
    if (f == CompareFormat::json) {
        return dump(json{{"record", "aggregate"},
                         {"format", compare_format_name},
                         {"a", {{"knowledge", s.knowledge_a}, {"rules", s.rules_a}}},
                         {"b", {{"knowledge", s.knowledge_b}, {"rules", s.rules_b}}},
                         {"lines", s.lines},
                         {"profiles", s.profiles},
                         {"changed", s.changed},
                         {"unchanged", s.profiles - s.changed},
                         {"errors", s.errors},
                         {"rules_changed", changed_rules},
                         {"by_kind", pairs(s.by_kind, "profiles", "changes")},
                         {"by_condition", pairs(s.by_condition, "profiles", "changed")},
                         {"by_rule", pairs(s.by_rule, "profiles", "changes")}}) +
               "\n";
    }
    if (f == CompareFormat::csv) return "";
    std::string t = "\ncompare: " + std::to_string(s.profiles) + " profiles, " + std::to_string(s.changed) +
                    " changed, " + std::to_string(s.profiles - s.changed) + " unchanged, " +
                    std::to_string(s.errors) + " refused\n";
    t += "A: knowledge " + s.knowledge_a + ", rules " + s.rules_a + "\nB: knowledge " + s.knowledge_b +
         ", rules " + s.rules_b + "\n";
    t += "rules whose definition differs: " + (changed_rules.empty() ? "none" : joined(changed_rules, ", ")) +
         "\n";
    table(t, s.by_kind, "changes by kind (profiles, changes):");
    table(t, s.by_condition, "by condition (profiles, changed):");
    table(t, s.by_rule, "rules responsible (profiles, changes):");
    return t;
}

}  // namespace rehab::io
