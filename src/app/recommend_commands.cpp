// `rehab recommend PROFILE` (a programme or a referral, as JSON, a summary line, text or an HTML
// handout) and `rehab explain PROFILE --exercise ID` (why / why not, and what would make it eligible).
// Bad input: every problem on stderr, exit 2, nothing written.
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "app/command.hpp"
#include "core/explain/explanation.hpp"
#include "io/file/atomic_file.hpp"
#include "io/json/reader.hpp"
#include "io/load/profile_reader.hpp"
#include "io/load/rules_loader.hpp"
#include "io/render/explanation_json.hpp"
#include "io/render/explanation_text.hpp"
#include "io/render/handout_html.hpp"
#include "io/render/programme_json.hpp"
#include "io/render/programme_summary.hpp"
#include "io/render/programme_text.hpp"

namespace rehab::app {

namespace {

struct Options {
    std::string profile, format = "auto", out, knowledge, rules, exercise;
    io::HandoutHeader header;  // --patient-name ... (--format html only)
};

bool has_header(const io::HandoutHeader& h) {
    return !h.patient_name.empty() || !h.clinician.empty() || !h.clinic.empty() || !h.date.empty() ||
           !h.review_date.empty();
}

// The handout's header options: checked before any work, so nothing is written when one is wrong.
bool check_header(const Options& o) {
    if (!has_header(o.header)) return true;
    std::vector<std::string> problems = io::check_handout_header(o.header);
    if (o.format != "html")
        problems.insert(problems.begin(),
                        "--patient-name, --clinician, --clinic, --date and --review-date "
                        "print on the handout: use them with --format html");
    for (const auto& p : problems) std::cerr << "rehab: error: " << p << "\n";
    return problems.empty();
}

std::shared_ptr<const Recommender> load_engine(const Options& o) {
    return app::load_engine(o.knowledge, o.rules);
}

std::optional<Profile> load_profile(const std::string& path, const KnowledgeGraph& kg) {
    Diagnostics diags;
    std::optional<std::string> text;
    std::error_code ec;
    if (path == "-") {
        text = io::read_text_stream(std::cin, "<stdin>", diags, "PR014", io::max_profile_bytes);
    } else if (std::filesystem::is_directory(path, ec)) {
        // A folder opens as an empty stream: say what it is rather than "unexpected end of file".
        diags.error("PR014", {path, ""},
                    "cannot read the profile: found a folder, expected a profile file (JSON)");
    } else {
        text = io::read_text_file(path, diags, "PR014", io::max_profile_bytes);
    }
    std::optional<Profile> p;
    if (text) p = io::parse_profile_text(*text, kg, path == "-" ? "<stdin>" : path, diags);
    if (!p) print_diagnostics(diags);
    return p;
}

int emit(const std::string& text, const std::string& out) {
    Diagnostics diags;
    if (!io::write_file_atomic(out.empty() ? "-" : out, text, diags, "IO001")) {
        print_diagnostics(diags);
        return bad_input;
    }
    return ok;
}

int run_recommend(const Options& o) {
    if (!check_header(o)) return usage;
    if (!check_out(o.out)) return bad_input;
    auto engine = load_engine(o);
    if (!engine) return bad_input;
    auto profile = load_profile(o.profile, engine->knowledge());
    if (!profile) return bad_input;
    const auto start = std::chrono::steady_clock::now();
    Recommendation rec = engine->recommend(*profile, true);
    spdlog::info("recommend {}: {} stage, {} exercises, {} excluded, {} not chosen{} in {:.2f} ms",
                 profile->id, to_string(rec.stage), rec.items.size(), rec.excluded.size(),
                 rec.not_chosen.size(), rec.referred() ? ", referred" : "",
                 std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    // auto: text for a person at a terminal, JSON for a program (a pipe, a file, --out).
    const std::string format = o.format != "auto"                      ? o.format
                               : o.out.empty() && stdout_is_terminal() ? "text"
                                                                       : "json";
    std::string text;
    if (format == "json")
        text = io::programme_to_json(*engine, rec, *profile);
    else if (format == "summary") {
        io::append_programme_summary(*engine, rec, *profile, text);
        text += "\n";
    } else if (format == "text")
        text = io::programme_to_text(*engine, rec, *profile);
    else
        text = io::programme_to_handout_html(*engine, rec, *profile, o.header);
    return emit(text, o.out);
}

int run_explain(const Options& o) {
    auto engine = load_engine(o);
    if (!engine) return bad_input;
    auto profile = load_profile(o.profile, engine->knowledge());
    if (!profile) return bad_input;
    auto id = engine->knowledge().find_exercise(o.exercise);
    if (!id) {
        std::vector<std::string> keys;
        for (const auto& e : engine->knowledge().exercises()) keys.push_back(e.key);
        auto near = nearest_name(o.exercise, keys);
        std::cerr << "rehab: error: unknown exercise '" << o.exercise << "'"
                  << (near.empty() ? "" : " (did you mean '" + near + "'?)") << "\n";
        return bad_input;
    }
    Recommendation rec = engine->recommend(*profile, true);
    ExerciseExplanation e = explain_exercise(*engine, rec, *id);
    std::cout << (o.format == "json" ? io::explanation_to_json(*engine, rec, *profile, e)
                                     : io::explanation_to_text(*engine, rec, e));
    return ok;
}

void add_data_options(CLI::App* cmd, Options& o) {
    cmd->add_option("--knowledge", o.knowledge, "Knowledge folder (default: the bundled knowledge)");
    cmd->add_option("--rules", o.rules, "Rule folder (default: the bundled rules)");
}

}  // namespace

void register_recommend_commands(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<Options>();
    auto* rec = app.add_subcommand("recommend", "Suggest a programme (or a referral) for a patient profile");
    rec->add_option("PROFILE", o->profile, "Patient profile (JSON file, or - for standard input)")
        ->required();
    rec->add_option("--format", o->format,
                    "Output format: json, summary (one rehab.programme-summary/1 line), text or html (the "
                    "handout); auto: text on a terminal, else json")
        ->check(CLI::IsMember({"auto", "json", "summary", "text", "html"}))
        ->capture_default_str();
    rec->add_option("-o,--out", o->out,
                    "Write to FILE instead of standard output (a regular file is replaced atomically)");
    rec->add_option("--patient-name", o->header.patient_name,
                    "Handout (--format html): the patient's name at the top (at most 80 characters)");
    rec->add_option("--clinician", o->header.clinician,
                    "Handout: the clinician's name (at most 80 characters)");
    rec->add_option("--clinic", o->header.clinic,
                    "Handout: how to contact the clinic, e.g. a name and telephone (at most 160 characters)");
    rec->add_option("--date", o->header.date, "Handout: the date it is given, YYYY-MM-DD");
    rec->add_option("--review-date", o->header.review_date,
                    "Handout: the date of the next review, YYYY-MM-DD (not before --date)");
    add_data_options(rec, *o);
    rec->callback([&exit_code, o] { exit_code = run_recommend(*o); });

    auto o2 = std::make_shared<Options>();
    auto* ex = app.add_subcommand("explain", "Why (or why not) one exercise is in a patient's programme");
    ex->add_option("PROFILE", o2->profile, "Patient profile (JSON file, or - for standard input)")
        ->required();
    ex->add_option("--exercise", o2->exercise, "Exercise id")->required();
    o2->format = "text";
    ex->add_option("--format", o2->format, "text or json (default text)")
        ->check(CLI::IsMember({"text", "json"}));
    add_data_options(ex, *o2);
    ex->callback([&exit_code, o2] { exit_code = run_explain(*o2); });
}

}  // namespace rehab::app
