// `rehab simulate PROFILE`: runs a simulated course of rehab (docs/simulation.md) and prints the
// programme week by week with each exercise's dose and change, and the stage reached. Exit codes:
// 0 ok, 1 an invariant was broken, 2 bad input (profile, knowledge, rules or options).
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/command.hpp"
#include "core/simulate/simulation.hpp"
#include "io/file/output_file.hpp"
#include "io/json/reader.hpp"
#include "io/load/profile_reader.hpp"
#include "io/load/rules_loader.hpp"
#include "io/render/words/note_words.hpp"
#include "io/render/words/simulation_words.hpp"

namespace rehab::app {

namespace {

struct SimulateOptions {
    std::string profile, knowledge, rules, format = "text", out;
    int weeks = 6, sessions_per_week = 3;
    unsigned seed = 1;
};

std::string opt(const std::optional<double>& v, const char* unit = "") {
    if (!v) return "?";
    std::ostringstream s;
    s << *v << unit;
    return s.str();
}

std::string change_text(const RuleSet& rules, const ProgrammeItem& item) {
    const KnowledgeGraph& kg = rules.knowledge();
    std::string s = to_string(item.change);
    if (item.change == Change::replaced && item.replaces.valid())
        return s + " (was " + kg.exercise(item.replaces).name + ")";
    if ((item.change == Change::progressed || item.change == Change::regressed) &&
        !item.change_reasons.empty())
        return s + " (" + io::note_text(rules, item.change_reasons.back()) + ")";
    return s;
}

void print_text(std::ostream& out, const RuleSet& rules, const Profile& p, const SimulateOptions& o,
                const SimulationResult& res) {
    const KnowledgeGraph& kg = rules.knowledge();
    out << "Simulated course for " << (p.id.empty() ? "the patient" : p.id) << " ("
        << kg.condition(p.condition).name << "): " << o.weeks << " weeks, " << o.sessions_per_week
        << " sessions a week, seed " << o.seed << ". Model: docs/simulation.md\n";
    if (res.referred) {
        out << "Referred, no exercise programme:";
        for (const auto& r : res.referral) out << " " << r;
        out << "\n";
        return;
    }
    int name_w = 10;  // the exercise column fits the longest name in the course
    for (const auto& w : res.weeks) {
        for (const auto& item : w.programme)
            name_w = std::max(name_w, static_cast<int>(kg.exercise(item.exercise).name.size()) + 2);
        for (const auto& item : w.dropped)
            name_w = std::max(name_w, static_cast<int>(kg.exercise(item.exercise).name.size()) + 2);
    }
    out << std::left << std::setw(5) << "week" << std::setw(6) << "stage" << std::setw(14) << "pain r/w/key"
        << std::setw(6) << "SLS" << std::setw(8) << "squeeze" << std::setw(9) << "max pain"
        << std::setw(name_w) << "exercise" << std::setw(30) << "dose"
        << "change\n";
    for (const auto& w : res.weeks) {
        bool first = true;
        auto lead = [&] {
            if (first) {
                out << std::setw(5) << w.week << std::setw(6) << to_string(w.stage) << std::setw(14)
                    << (opt(w.pain_rest) + "/" + opt(w.pain_walking) + "/" + opt(w.key_pain)) << std::setw(6)
                    << opt(w.single_leg_stance_s, "s") << std::setw(8) << opt(w.squeeze_ratio) << std::setw(9)
                    << io::format_number(w.pain_during_max);
            } else {
                out << std::setw(48) << "";
            }
            first = false;
        };
        for (const auto& item : w.programme) {
            lead();
            out << std::setw(name_w) << kg.exercise(item.exercise).name << std::setw(30)
                << io::format_dose(kg, item.dose) << change_text(rules, item) << "\n";
        }
        for (const auto& item : w.dropped) {
            lead();
            out << std::setw(name_w) << kg.exercise(item.exercise).name << std::setw(30) << "-"
                << "dropped\n";
        }
        for (const auto& note : w.notes)
            if (const std::string n = io::warning_text(rules, note);
                n.rfind("Stage:", 0) == 0 || n.rfind("every exercise", 0) == 0)
                out << std::setw(11) << "" << n << "\n";
    }
    if (res.final_stage)
        out << "Stage reached after " << o.weeks << " week(s): " << to_string(*res.final_stage)
            << " (started " << to_string(*res.start_stage) << ")\n";
    if (res.violations.empty()) out << "Invariants: all held\n";
    for (const auto& v : res.violations) out << "INVARIANT BROKEN: " << io::violation_text(kg, v) << "\n";
}

nlohmann::json item_json(const RuleSet& rules, const ProgrammeItem& item) {
    const KnowledgeGraph& kg = rules.knowledge();
    nlohmann::json dose = {{"sets", item.dose.sets}, {"text", io::format_dose(kg, item.dose)}};
    if (item.dose.reps) dose["reps"] = *item.dose.reps;
    if (item.dose.hold_s) dose["hold_s"] = *item.dose.hold_s;
    if (item.dose.duration_min) dose["duration_min"] = *item.dose.duration_min;
    if (item.dose.band.valid()) dose["band"] = kg.band(item.dose.band).key;
    nlohmann::json j = {{"exercise", kg.exercise(item.exercise).key},
                        {"dose", dose},
                        {"change", to_string(item.change)},
                        {"change_reasons", io::note_texts(rules, item.change_reasons)}};
    if (item.replaces.valid()) j["replaces"] = kg.exercise(item.replaces).key;
    return j;
}

void print_json(std::ostream& out, const RuleSet& rules, const Profile& p, const SimulateOptions& o,
                const SimulationResult& res) {
    const KnowledgeGraph& kg = rules.knowledge();
    auto num = [](const std::optional<double>& v) {
        return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
    };
    nlohmann::json weeks = nlohmann::json::array();
    for (const auto& w : res.weeks) {
        nlohmann::json prog = nlohmann::json::array(), dropped = nlohmann::json::array();
        std::vector<std::string> notes;
        for (const auto& n : w.notes) notes.push_back(io::warning_text(rules, n));
        for (const auto& i : w.programme) prog.push_back(item_json(rules, i));
        for (const auto& i : w.dropped) dropped.push_back(item_json(rules, i));
        weeks.push_back({{"week", w.week},
                         {"stage", to_string(w.stage)},
                         {"pain",
                          {{"rest", num(w.pain_rest)},
                           {"walking", num(w.pain_walking)},
                           {"key_movement", num(w.key_pain)}}},
                         {"single_leg_stance_s", num(w.single_leg_stance_s)},
                         {"squeeze_ratio", num(w.squeeze_ratio)},
                         {"pain_during_max", w.pain_during_max},
                         {"capacity", w.capacity},
                         {"programme", prog},
                         {"dropped", dropped},
                         {"notes", notes}});
    }
    std::vector<std::string> violations;
    for (const auto& v : res.violations) violations.push_back(io::violation_text(kg, v));
    nlohmann::json j = {{"profile", p.id},
                        {"condition", kg.condition(p.condition).key},
                        {"weeks", o.weeks},
                        {"seed", o.seed},
                        {"sessions_per_week", o.sessions_per_week},
                        {"referred", res.referred},
                        {"referral", res.referral},
                        {"start_stage", res.start_stage ? nlohmann::json(to_string(*res.start_stage))
                                                        : nlohmann::json(nullptr)},
                        {"stage_reached", res.final_stage ? nlohmann::json(to_string(*res.final_stage))
                                                          : nlohmann::json(nullptr)},
                        {"timeline", weeks},
                        {"violations", violations},
                        {"ok", res.violations.empty()}};
    out << j.dump(2) << "\n";
}

int run_simulate(const SimulateOptions& o) {
    if (o.weeks < 1 || o.weeks > 104 || o.sessions_per_week < 1 || o.sessions_per_week > 7 ||
        (o.format != "text" && o.format != "json")) {
        std::cerr
            << "rehab: error: --weeks must be 1-104, --sessions-per-week 1-7 and --format text or json\n";
        return bad_input;
    }
    if (!check_out(o.out)) return bad_input;
    Diagnostics diags;
    auto rec = load_engine(o.knowledge, o.rules);
    if (!rec) return bad_input;
    std::optional<std::string> text;
    if (o.profile == "-")
        text = io::read_text_stream(std::cin, "<stdin>", diags, "PR014", io::max_profile_bytes);
    else
        text = io::read_text_file(o.profile, diags, "PR014", io::max_profile_bytes);
    std::optional<Profile> p;
    if (text)
        p = io::parse_profile_text(*text, rec->knowledge(), o.profile == "-" ? "<stdin>" : o.profile, diags);
    if (!p) {
        print_diagnostics(diags);
        return bad_input;
    }
    const SimulationResult res = simulate(*rec, *p, {o.weeks, o.seed, o.sessions_per_week});
    auto out_file = io::OutputFile::open(o.out.empty() ? "-" : o.out, diags, "IO001");
    if (!out_file) {
        print_diagnostics(diags);
        return bad_input;
    }
    if (o.format == "json")
        print_json(out_file->stream(), rec->rules(), *p, o, res);
    else
        print_text(out_file->stream(), rec->rules(), *p, o, res);
    if (!out_file->commit(diags)) {
        print_diagnostics(diags);
        return bad_input;
    }
    return res.violations.empty() ? ok : check_failed;
}

}  // namespace

void register_simulate_commands(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<SimulateOptions>();
    auto* sim = app.add_subcommand("simulate", "Simulate a course of rehab for a profile, week by week");
    sim->add_option("PROFILE", o->profile, "Profile JSON file ('-' for standard input)")->required();
    sim->add_option("--weeks", o->weeks, "Number of weeks, 1-104 (default 6)")->check(CLI::Range(1, 104));
    sim->add_option("--seed", o->seed, "Seed of the model patient's noise (default 1)");
    sim->add_option("--sessions-per-week", o->sessions_per_week, "Logged sessions a week, 1-7 (default 3)")
        ->check(CLI::Range(1, 7));
    sim->add_option("--knowledge", o->knowledge, "Knowledge folder (default: the bundled knowledge)");
    sim->add_option("--rules", o->rules, "Rule folder (default: the bundled rules)");
    sim->add_option("--format", o->format, "Output: text or json (default text)")
        ->check(CLI::IsMember({"text", "json"}));
    sim->add_option("-o,--out", o->out, "Write to FILE (default: standard output)");
    sim->callback([&exit_code, o] { exit_code = run_simulate(*o); });
}

}  // namespace rehab::app
