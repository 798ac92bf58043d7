// Compiles a RuleSetData: declares derived facts, checks and compiles every condition, action and
// selector (the passes across rules are in rule_checks.cpp). A pipeline of small passes, each
// adding located diagnostics; any error and nothing is returned.
#include "core/rules/rule_set.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/lang/names.hpp"
#include "core/rules/rule_set_detail.hpp"

namespace rehab {

const char* to_string(ActionKind k) {
    switch (k) {
        case ActionKind::refer:
            return "refer";
        case ActionKind::derive:
            return "derive";
        case ActionKind::exclude:
            return "exclude";
        case ActionKind::require:
            return "require";
        case ActionKind::prefer:
            return "prefer";
        case ActionKind::avoid:
            return "avoid";
        case ActionKind::dose:
            return "dose";
        case ActionKind::limit:
            return "limit";
        case ActionKind::warn:
            return "warn";
    }
    return "?";
}

namespace {

// [A-Za-z][A-Za-z0-9_.-]*, in ASCII.
bool valid_rule_id(const std::string& id) {
    auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    if (id.empty() || !alpha(id[0])) return false;
    for (char c : id)
        if (!alpha(c) && !(c >= '0' && c <= '9') && c != '_' && c != '.' && c != '-') return false;
    return true;
}

}  // namespace

void RuleSetBuilder::declare_facts() {
    for (const auto& f : data_.facts) {
        if (rs_->schema_.find(f.name)) {
            diags_.error("RL017", f.origin.at("/name"),
                         "derived fact '" + f.name + "' is already a fact of the profile");
            continue;
        }
        FactDef def;
        def.name = f.name;
        def.derived = true;
        def.label = f.label.empty() ? f.name : f.label;
        def.unit = f.unit;
        def.description = f.description;
        if (f.type == "number") {
            def.type = FactType::number;
            def.min = f.min.value_or(-1e300);
            def.max = f.max.value_or(1e300);
        } else if (f.type == "boolean") {
            def.type = FactType::boolean;
            def.min = 0, def.max = 1;
        } else if (f.type == "enumeration") {
            def.type = FactType::enumeration;
            if (f.values.empty()) {
                diags_.error("RL017", f.origin.at("/values"),
                             "enumeration '" + f.name + "' needs at least one value");
                continue;
            }
            // Reuse a domain with the same values (e.g. the profile's "stage"), so that facts of
            // the two can be compared and selectors accept either.
            std::optional<std::uint32_t> same;
            for (std::uint32_t d = 0; d < rs_->schema_.domains().size() && !same; ++d)
                if (rs_->schema_.domain(d).values == f.values) same = d;
            if (!same && rs_->schema_.find_domain(f.name)) {
                diags_.error("RL017", f.origin.at("/values"),
                             "enumeration '" + f.name + "' redefines the values of '" + f.name + "'");
                continue;
            }
            def.domain = same ? *same : rs_->schema_.add_domain(f.name, f.values);
            def.min = 0, def.max = static_cast<double>(f.values.size() - 1);
        } else {
            diags_.error("RL017", f.origin.at("/type"),
                         "fact type '" + f.type + "' is not number, boolean or enumeration");
            continue;
        }
        rs_->schema_.add(std::move(def));
    }
}

void RuleSetBuilder::compile_rule(const RuleSpec& spec) {
    std::size_t before = diags_.error_count();
    if (!valid_rule_id(spec.id))
        diags_.error("RL011", spec.origin.at("/id"), "rule id '" + spec.id + "' is not a valid id");
    if (auto it = rule_ids_.find(spec.id); it != rule_ids_.end()) {
        const CompiledRule& r = rs_->rules_[it->second];
        diags_.error("RL011", spec.origin.at("/id"), "duplicate rule id '" + spec.id + "'",
                     "first defined in " + r.origin.file + " at " + r.origin.pointer);
    }
    CompiledRule rule;
    rule.id = spec.id;
    rule.rationale = spec.rationale;
    rule.grade = spec.grade;
    rule.category = spec.category;
    rule.priority = spec.priority;
    rule.origin = spec.origin;
    rule.when_text = spec.when;
    static const std::vector<std::string> grades = {"trial", "practice", "derived", "check"};
    if (std::find(grades.begin(), grades.end(), spec.grade) == grades.end())
        diags_.error("RL013", spec.origin.at("/evidence/grade"),
                     "evidence grade '" + spec.grade + "' is not one of trial, practice, derived, check");
    for (std::size_t i = 0; i < spec.references.size(); ++i) {
        if (auto r = rs_->kg_->find_reference(spec.references[i])) {
            rule.references.push_back(*r);
        } else {
            std::vector<std::string> names;
            for (const auto& n : rs_->kg_->references()) names.push_back(n.key);
            auto near = nearest_name(spec.references[i], names);
            diags_.error("RL013", spec.origin.at("/evidence/references/" + std::to_string(i)),
                         "unknown reference '" + spec.references[i] + "'",
                         near.empty() ? "" : "did you mean '" + near + "'?");
        }
    }
    ExprContext ctx{rs_->schema_, diags_, spec.origin.at("/when")};
    if (parse_expr(spec.when, rule.when_ast, diags_, ctx.where)) {
        resolve_fact_names(rule.when_ast, rs_->schema_);
        if (auto c = compile_expr(rule.when_ast, {FactType::boolean, 0}, ctx)) {
            rule.when = std::move(*c);
            if (rule.when.never_true)
                diags_.error("RL005", spec.origin.at("/when"),
                             "condition \"" + spec.when + "\" can never be true",
                             "its comparisons contradict each other or lie outside the facts' ranges");
        }
    }
    if (spec.then.empty()) diags_.error("RL012", spec.origin.at("/then"), "rule has no actions");
    for (const auto& a : spec.then) compile_action(a, spec, rule);
    if (diags_.error_count() == before) {
        rule_ids_.emplace(rule.id, rs_->rules_.size());
        rs_->rules_.push_back(std::move(rule));
    }
}

std::uint32_t RuleSetBuilder::selector_for(const std::string& text, const RuleSpec& spec,
                                           const ActionSpec& a) {
    if (text.empty()) {
        diags_.error("RL012", spec.origin.at(a.pointer),
                     std::string(to_string(a.kind)) + " needs a selector (\"select\")");
        return no_selector;
    }
    if (auto it = selector_ids_.find(text); it != selector_ids_.end()) return it->second;
    auto s = Selector::compile(text, *rs_->kg_, rs_->schema_, diags_,
                               spec.origin.at(a.select_pointer.empty() ? a.pointer : a.select_pointer));
    if (!s) return no_selector;
    rs_->selectors_.push_back(std::move(*s));
    auto id = static_cast<std::uint32_t>(rs_->selectors_.size() - 1);
    selector_ids_.emplace(text, id);
    return id;
}

// derive: a declared derived fact and a value expression of its type.
bool RuleSetBuilder::compile_derive(const ActionSpec& a, const RuleSpec& spec, CompiledRule& rule,
                                    CompiledAction& c) {
    auto slot = rs_->schema_.find(a.fact);
    if (!slot) {
        auto near = nearest_name(a.fact, rs_->schema_.names());
        diags_.error("RL012", spec.origin.at(a.pointer + "/fact"),
                     "derive names unknown fact '" + a.fact + "'",
                     near.empty() ? "declare it under \"facts\"" : "did you mean '" + near + "'?");
        return false;
    }
    const FactDef& f = rs_->schema_.fact(*slot);
    if (!f.derived) {
        diags_.error("RL012", spec.origin.at(a.pointer + "/fact"),
                     "'" + a.fact + "' is a profile fact; rules may only derive declared derived facts");
        return false;
    }
    c.fact = *slot;
    Expr e;
    ExprContext ctx{rs_->schema_, diags_, spec.origin.at(a.pointer + "/value")};
    if (!parse_expr(a.value, e, diags_, ctx.where)) return false;
    auto v = compile_expr(e, {f.type, f.domain}, ctx);
    if (!v) return false;
    c.value = std::move(v->program);
    if (c.value.code.size() == 1 && c.value.code[0].op == OpCode::push_const)
        c.derives_constant = c.value.code[0].k;
    if (c.value.code.size() == 1 && c.value.code[0].op == OpCode::push_slot)
        c.derives_copy = c.value.code[0].slot;
    for (auto s : v->reads) rule.when.reads.push_back(s);  // value reads count for stratification
    return true;
}

// refer: a known red flag (its urgency unless given) or a reason.
bool RuleSetBuilder::compile_refer(const ActionSpec& a, const RuleSpec& spec, CompiledAction& c) {
    if (!a.red_flag.empty()) {
        if (auto rf = rs_->kg_->find_red_flag(a.red_flag)) {
            c.red_flag = *rf;
            c.urgency = rs_->kg_->red_flag(*rf).urgency;
        } else {
            std::vector<std::string> names;
            for (const auto& r : rs_->kg_->red_flags()) names.push_back(r.key);
            auto near = nearest_name(a.red_flag, names);
            diags_.error("RL010", spec.origin.at(a.pointer + "/red_flag"),
                         "unknown red flag '" + a.red_flag + "'",
                         near.empty() ? "" : "did you mean '" + near + "'?");
            return false;
        }
    } else if (a.text.empty()) {
        diags_.error("RL012", spec.origin.at(a.pointer), "refer needs a red_flag or a reason");
        return false;
    }
    if (!a.urgency.empty()) c.urgency = urgency_from(a.urgency).value_or(Urgency::urgent);
    return true;
}

// limit: an optional component and a min..max count.
bool RuleSetBuilder::compile_limit(const ActionSpec& a, const RuleSpec& spec, CompiledAction& c) {
    if (!a.component.empty()) {
        auto comp = component_from(a.component);
        if (!comp) {
            diags_.error("RL012", spec.origin.at(a.pointer + "/component"),
                         "unknown component '" + a.component + "'",
                         "strength, balance, motor_control, mobility or trunk");
            return false;
        }
        c.component = static_cast<int>(*comp);
    }
    c.min = a.min, c.max = a.max;
    if (c.min && c.max && *c.min > *c.max)
        diags_.error("RL012", spec.origin.at(a.pointer),
                     "limit min " + std::to_string(*c.min) + " is above max " + std::to_string(*c.max));
    return true;
}

void RuleSetBuilder::compile_action(const ActionSpec& a, const RuleSpec& spec, CompiledRule& rule) {
    CompiledAction c;
    c.kind = a.kind;
    c.weight = a.weight;
    c.text = a.text;
    switch (a.kind) {
        case ActionKind::derive:
            if (!compile_derive(a, spec, rule, c)) return;
            break;
        case ActionKind::refer:
            if (!compile_refer(a, spec, c)) return;
            break;
        case ActionKind::exclude:
        case ActionKind::require:
        case ActionKind::prefer:
        case ActionKind::avoid:
            c.selector = selector_for(a.select, spec, a);
            if (c.selector == no_selector) return;
            if (!a.window_ladder.empty()) {
                c.window_ladder = *rs_->kg_->find_ladder(a.window_ladder);  // the selector checked it
                c.window_low = a.window_low, c.window_high = a.window_high;
            }
            if ((a.kind == ActionKind::prefer || a.kind == ActionKind::avoid) && !(a.weight > 0))
                diags_.error("RL012", spec.origin.at(a.pointer + "/weight"), "weight must be positive");
            break;
        case ActionKind::dose:
            c.selector = selector_for(a.select.empty() ? "all" : a.select, spec, a);
            if (!a.level.empty()) {
                if (a.level != "low" && a.level != "full")
                    diags_.error("RL012", spec.origin.at(a.pointer + "/level"),
                                 "dose level '" + a.level + "' is not low or full");
                c.level = a.level == "full" ? 1 : 0;
            }
            c.sets = a.sets, c.reps = a.reps, c.hold_s = a.hold_s, c.rest_s = a.rest_s,
            c.per_week = a.per_week;
            c.volume_scale = a.volume_scale, c.band_step = a.band_step, c.tempo = a.tempo;
            c.per_side = a.per_side;
            break;
        case ActionKind::limit:
            if (!compile_limit(a, spec, c)) return;
            break;
        case ActionKind::warn:
            if (!a.select.empty()) c.selector = selector_for(a.select, spec, a);
            if (a.text.empty())
                diags_.error("RL012", spec.origin.at(a.pointer + "/text"), "warn needs a text");
            break;
    }
    rule.actions.push_back(std::move(c));
}

std::shared_ptr<const RuleSet> RuleSet::compile(const RuleSetData& data,
                                                std::shared_ptr<const KnowledgeGraph> kg,
                                                const FactSchema& inputs, Diagnostics& diags) {
    RuleSetBuilder b(data, std::move(kg), inputs, diags);
    return b.run();
}

std::vector<std::uint32_t> RuleSet::rules_deriving(FactSlot fact, double value) const {
    std::vector<FactSlot> targets{fact};
    for (const auto& rule : rules_)
        for (const auto& a : rule.actions)
            if (a.kind == ActionKind::derive && a.fact == fact && a.derives_copy &&
                schema_.fact(*a.derives_copy).derived)
                targets.push_back(*a.derives_copy);
    std::vector<std::uint32_t> out;
    for (std::uint32_t r = 0; r < rules_.size(); ++r)
        for (const auto& a : rules_[r].actions)
            if (a.kind == ActionKind::derive && a.derives_constant && *a.derives_constant == value &&
                std::find(targets.begin(), targets.end(), a.fact) != targets.end()) {
                out.push_back(r);
                break;
            }
    return out;
}

std::optional<std::uint32_t> RuleSet::find_rule(std::string_view id) const {
    for (std::uint32_t i = 0; i < rules_.size(); ++i)
        if (rules_[i].id == id) return i;
    return std::nullopt;
}

}  // namespace rehab
