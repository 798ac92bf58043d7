// `rehab rules ...`: check a rule folder against the knowledge graph (every problem at once, with
// file, rule, JSON pointer and column), and list the compiled rules in evaluation order.
#include <iostream>
#include <limits>

#include "app/command.hpp"
#include "core/explain/ladder_gates.hpp"
#include "io/load/knowledge_loader.hpp"
#include "io/load/rules_loader.hpp"

namespace rehab::app {

namespace {

// Rules are checked against a knowledge graph: when the knowledge folder itself does not load, the
// failure says so (the rules were not checked at all), naming the folder at fault.
std::shared_ptr<const RuleSet> load(const std::string& kdir, const std::string& rdir, Diagnostics& diags,
                                    std::string& failed) {
    auto kg = io::load_knowledge(kdir, diags);
    if (!kg) {
        failed =
            "the knowledge folder " + kdir + " does not load, so the rules in " + rdir + " were not checked";
        return nullptr;
    }
    auto rs = io::load_clinical_rules(rdir, kg, diags);
    if (!rs) failed = "the rules in " + rdir + " have errors (above)";
    return rs;
}

std::string pain_text(double allows) {
    if (allows == std::numeric_limits<double>::infinity()) return "any pain (no gate)";
    if (allows < 0.5) return "no pain at all";
    return "pain up to " + std::to_string(static_cast<int>(allows)) + "/10";
}

// RL019: a heavier rung allowed at more pain than a lighter one, at the rule that gates the lighter.
void check_gates(const RuleSet& rs, Diagnostics& diags) {
    const KnowledgeGraph& kg = rs.knowledge();
    for (const auto& g : ladder_gate_inversions(rs)) {
        const CompiledRule& light = rs.rule(g.lighter_rule);
        const std::string fact = rs.schema().fact(g.fact).name;
        diags.warning(
            "RL019", light.origin,
            "on the " + kg.ladder(g.ladder).key + " ladder '" + kg.exercise(g.heavier).key + "' (rung " +
                std::to_string(g.heavier_rung) + ") is allowed at " + pain_text(g.heavier_allows) + " of " +
                fact + ", the lighter '" + kg.exercise(g.lighter).key + "' (rung " +
                std::to_string(g.lighter_rung) + ") at " + pain_text(g.lighter_allows) + " (" +
                kg.conditions()[g.condition.value].key + ")",
            "a gate on a heavier rung is never looser than on a lighter one: gate '" +
                kg.exercise(g.heavier).key + "' at least as strictly (rule " + light.id +
                (g.heavier_rule >= 0 ? ", or " + rs.rule(static_cast<std::uint32_t>(g.heavier_rule)).id
                                     : std::string()) +
                ")");
    }
}

int run_check(const std::string& kdir, const std::string& rdir) {
    Diagnostics diags;
    std::string failed;
    auto rs = load(kdir, rdir, diags, failed);
    if (rs) check_gates(*rs, diags);
    print_diagnostics(diags);
    if (!rs) {
        std::cerr << "rehab: error: rules check: " << failed << "\n";
        return bad_input;
    }
    std::size_t derived = 0, selectors = rs->selectors().size(), indexed = 0;
    for (const auto& f : rs->schema().facts()) derived += f.derived;
    for (const auto& st : rs->strata())
        for (const auto& b : st.by_value) indexed += b.size();
    std::cout << "rules OK: " << rs->rules().size() << " rules in " << rs->stratum_count() << " strata, "
              << derived << " derived facts, " << selectors << " selectors, " << rs->schema().size()
              << " facts; "
              << "version " << (rs->version().empty() ? "-" : rs->version()) << ", hash "
              << rs->content_hash() << "; " << diags.warning_count() << " warning(s)\n";
    return ok;
}

int run_list(const std::string& kdir, const std::string& rdir) {
    Diagnostics diags;
    std::string failed;
    auto rs = load(kdir, rdir, diags, failed);
    if (!rs) {
        print_diagnostics(diags);
        std::cerr << "rehab: error: rules list: " << failed << "\n";
        return bad_input;
    }
    for (const auto& r : rs->rules()) {
        std::cout << "[" << r.stratum << "] " << r.id << " (priority " << r.priority << ")\n    when "
                  << r.when_text << "\n    then";
        for (const auto& a : r.actions) std::cout << " " << to_string(a.kind);
        std::cout << "\n    " << r.rationale << "\n";
    }
    return ok;
}

}  // namespace

void register_rules_commands(CLI::App& app, int& exit_code) {
    auto* rules = app.add_subcommand("rules", "Check or list the clinical rules");
    rules->require_subcommand(1);
    auto kdir = std::make_shared<std::string>();
    auto rdir = std::make_shared<std::string>();
    // The rule folder is the DIR argument, or --rules DIR as every other command takes it (not both).
    auto add_folders = [&](CLI::App* cmd) {
        auto* positional = cmd->add_option("DIR", *rdir, "Rule folder (default: the bundled rules)");
        cmd->add_option("--rules", *rdir, "Rule folder, as DIR (default: the bundled rules)")
            ->excludes(positional);
        cmd->add_option("--knowledge", *kdir, "Knowledge folder (default: the bundled knowledge)");
    };
    auto folder = [kdir, rdir](bool rule_folder) -> std::string {
        if (rule_folder) return rdir->empty() ? default_rules_dir() : *rdir;
        return kdir->empty() ? default_knowledge_dir() : *kdir;
    };

    auto* check = rules->add_subcommand("check", "Check a rule folder against the knowledge graph");
    add_folders(check);
    check->callback([&exit_code, folder] { exit_code = run_check(folder(false), folder(true)); });

    auto* list = rules->add_subcommand("list", "List the compiled rules in evaluation order");
    add_folders(list);
    list->callback([&exit_code, folder] { exit_code = run_list(folder(false), folder(true)); });
}

}  // namespace rehab::app
