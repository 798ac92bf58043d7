// `rehab eval` (run the scenario suite: table, coverage findings, JUnit, golden outputs),
// `rehab batch` (JSON Lines in, programmes out, all cores, constant memory) and `rehab generate`
// (deterministic synthetic profiles). The engine is loaded once per command.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "app/command.hpp"
#include "io/file/atomic_file.hpp"
#include "io/file/output_file.hpp"
#include "io/load/rules_loader.hpp"
#include "io/suite/batch.hpp"
#include "io/suite/profile_generator.hpp"
#include "io/suite/scenario_report.hpp"
#include "io/suite/scenario_runner.hpp"
#include "rehab/rehab.hpp"

namespace rehab::app {

namespace {

struct DataDirs {
    std::string knowledge, rules;
    std::string knowledge_dir() const { return knowledge.empty() ? default_knowledge_dir() : knowledge; }
    std::string rules_dir() const { return rules.empty() ? default_rules_dir() : rules; }
};

void add_data_options(CLI::App* cmd, DataDirs& dirs) {
    cmd->add_option("--knowledge", dirs.knowledge, "Knowledge folder (default: the bundled knowledge)");
    cmd->add_option("--rules", dirs.rules, "Rules folder (default: the bundled rules)");
}

std::shared_ptr<const Recommender> load_engine(const DataDirs& dirs) {
    return app::load_engine(dirs.knowledge_dir(), dirs.rules_dir());
}

struct EvalOptions {
    std::vector<std::string> paths;
    std::string junit, format = "text";
    bool update_golden = false, no_coverage = false;
    DataDirs dirs;
};

int run_eval(const EvalOptions& o) {
    if (!check_out(o.junit)) return bad_input;
    auto engine = load_engine(o.dirs);
    if (!engine) return bad_input;
    Diagnostics found;
    const auto files = io::find_scenario_files(
        o.paths.empty() ? std::vector<std::string>{default_data_dir() + "/scenarios"} : o.paths, found);
    if (!found.empty()) print_diagnostics(found);  // errors, or warnings such as a link not followed
    if (found.has_errors()) return bad_input;
    io::ScenarioRunner runner(engine, o.update_golden);
    std::vector<io::ScenarioResult> results;
    for (const auto& f : files) {
        Diagnostics d;
        auto s = io::read_scenario_file(f, engine->knowledge(), d);
        results.push_back(s ? runner.run(*s) : runner.invalid(f, d));
    }
    const auto coverage = runner.coverage();
    if (o.format == "json") {
        const DataVersions v = data_versions(*engine);
        std::cout << io::results_json(results, o.no_coverage ? nullptr : &coverage,
                                      {v.knowledge_version, v.knowledge_hash, v.rules_version, v.rules_hash});
    } else {
        io::write_results_table(std::cout, results);
        if (!o.no_coverage) io::write_coverage(std::cout, coverage);
    }
    if (!o.junit.empty()) {
        Diagnostics d;
        if (!io::write_file_atomic(o.junit, io::junit_xml(results), d, "SC014")) {
            print_diagnostics(d);
            return bad_input;
        }
    }
    const auto s = io::summarise(results);
    if (files.empty()) {
        std::cerr << "rehab: error: eval: no scenario files (*.json) found in the given paths\n";
        return bad_input;
    }
    if (s.invalid > 0) return bad_input;
    return s.failed > 0 ? check_failed : ok;
}

struct BatchCli {
    std::string in = "-", out, format = "json";
    unsigned threads = 0;
    bool summary = false;
    DataDirs dirs;
};

int run_batch_command(const BatchCli& o) {
    auto engine = load_engine(o.dirs);
    if (!engine) return bad_input;
    std::ios::sync_with_stdio(false);
    std::ifstream file;
    if (o.in != "-") {
        file.open(o.in, std::ios::binary);
        if (!file) {
            report_open_failure("batch", o.in);
            return bad_input;
        }
    }
    std::istream& in = o.in == "-" ? std::cin : file;
    // --out (default standard output): a regular file is replaced atomically at the end, a device,
    // FIFO or pipe is written as the programmes come.
    Diagnostics diags;
    auto out_file = io::OutputFile::open(o.out.empty() ? "-" : o.out, diags, "IO001");
    if (!out_file) {
        print_diagnostics(diags);
        return bad_input;
    }
    std::ostream& out = out_file->stream();
    io::BatchOptions options;
    options.threads = o.threads;
    options.format = o.summary ? io::BatchFormat::summary : *io::parse_batch_format(o.format);
    options.input_name = o.in == "-" ? "<stdin>" : o.in;
    options.progress = ::isatty(STDERR_FILENO) && !quiet() ? &std::cerr : nullptr;
    options.input_bytes = regular_file_size(o.in);
    const auto stats = io::run_batch(*engine, in, out, options);
    if (!out_file->commit(diags)) {
        print_diagnostics(diags);
        return bad_input;
    }
    io::write_batch_summary(std::cerr, stats);
    // Every line has its record by now: 1 when some are error records, 70 when one is an internal error.
    if (stats.internal > 0) return internal;
    return stats.errors > 0 ? check_failed : ok;
}

int run_generate(std::uint64_t count, std::uint64_t seed, const std::string& out_path) {
    Diagnostics diags;
    auto out_file = io::OutputFile::open(out_path.empty() ? "-" : out_path, diags, "IO001");
    if (!out_file) {
        print_diagnostics(diags);
        return bad_input;
    }
    std::ostream& out = out_file->stream();
    io::GeneratorOptions options;
    options.seed = seed;
    io::ProfileGenerator g(options);
    for (std::uint64_t i = 0; i < count && out; ++i) out << g.next().dump() << '\n';
    if (!out_file->commit(diags)) {
        print_diagnostics(diags);
        return bad_input;
    }
    return ok;
}

}  // namespace

void register_scenario_commands(CLI::App& app, int& exit_code) {
    auto eval_opts = std::make_shared<EvalOptions>();
    auto* eval =
        app.add_subcommand("eval", "Run the clinical scenario suite and report which expectations fail");
    eval->add_option("PATHS", eval_opts->paths,
                     "Scenario files or folders (default: the bundled scenarios/)");
    eval->add_option("--junit", eval_opts->junit, "Also write the results as JUnit XML to FILE");
    eval->add_flag("--update-golden", eval_opts->update_golden,
                   "Rewrite the golden outputs (scenarios/golden/<name>.json) after review");
    eval->add_flag("--no-coverage", eval_opts->no_coverage, "Do not print the coverage findings");
    eval->add_option("--format", eval_opts->format,
                     "text (a table and the coverage findings) or json (one rehab.eval/1 document: summary, "
                     "scenarios, coverage)")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    add_data_options(eval, eval_opts->dirs);
    eval->callback([&exit_code, eval_opts] { exit_code = run_eval(*eval_opts); });

    auto batch_opts = std::make_shared<BatchCli>();
    auto* batch = app.add_subcommand(
        "batch", "Recommend for every profile of a JSON Lines file (one programme a line out)");
    batch->add_option("IN", batch_opts->in, "Profiles, one JSON object a line ('-': standard input)")
        ->required();
    batch->add_option("-o,--out", batch_opts->out,
                      "Write the programmes to FILE (default: standard output; a regular file is replaced "
                      "atomically at the end, a device or FIFO written as they come)");
    batch->add_option("--threads", batch_opts->threads, "Worker threads (default: all cores)")
        ->check(CLI::Range(1u, 1024u));
    batch
        ->add_option(
            "--format", batch_opts->format,
            "json (one rehab.programme/1 document a line), summary (one compact "
            "rehab.programme-summary/1 record a line), csv (a header, one row per profile) or csv-long "
            "(one row per profile and exercise)")
        ->check(CLI::IsMember({"json", "summary", "csv", "csv-long"}))
        ->capture_default_str();
    batch->add_flag(
        "--summary", batch_opts->summary,
        "The same as --format summary: one compact record a line (ids, doses, rule ids; no prose or trace)");
    add_data_options(batch, batch_opts->dirs);
    batch->callback([&exit_code, batch_opts] { exit_code = run_batch_command(*batch_opts); });

    auto count = std::make_shared<std::uint64_t>(10);
    auto seed = std::make_shared<std::uint64_t>(1);
    auto gen_out = std::make_shared<std::string>();
    auto* gen = app.add_subcommand("generate", "Write synthetic, plausible patient profiles as JSON Lines");
    gen->add_option("--count", *count, "Number of profiles (default 10)")
        ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{1'000'000'000'000}));
    gen->add_option("--seed", *seed, "Random seed: the same seed gives the same profiles (default 1)");
    gen->add_option("-o,--out", *gen_out, "Write to FILE (default: standard output)");
    gen->callback([&exit_code, count, seed, gen_out] { exit_code = run_generate(*count, *seed, *gen_out); });
}

}  // namespace rehab::app
