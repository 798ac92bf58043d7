// `rehab compare --rules A --rules B PROFILES.jsonl` (or --knowledge A --knowledge B): every profile
// through two versions of the rules or the knowledge, what changes for each (docs/compare.md), and the
// aggregate. Both engines load before anything is written; exit codes as `rehab batch`.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "app/command.hpp"
#include "io/compare/compare_run.hpp"
#include "io/compare/programme_diff.hpp"
#include "io/file/output_file.hpp"
#include "io/load/rules_loader.hpp"

namespace rehab::app {

namespace {

struct CompareCli {
    std::string in = "-", out, format = "text";
    std::vector<std::string> knowledge, rules;
    unsigned threads = 0;
    bool all = false;
};

// The two (knowledge, rules) pairs, or a usage message.
bool pick_versions(const CompareCli& o, std::string (&k)[2], std::string (&r)[2]) {
    if (o.knowledge.size() > 2 || o.rules.size() > 2 || (o.knowledge.size() == 2) == (o.rules.size() == 2)) {
        std::cerr << "rehab: error: compare: give exactly one of --rules and --knowledge twice (A then B); "
                     "the other at most once\n";
        return false;
    }
    for (int i = 0; i < 2; ++i) {
        k[i] = o.knowledge.empty() ? default_knowledge_dir() : o.knowledge[o.knowledge.size() == 2 ? i : 0];
        r[i] = o.rules.empty() ? default_rules_dir() : o.rules[o.rules.size() == 2 ? i : 0];
    }
    return true;
}

int run_compare_command(const CompareCli& o) {
    std::string k[2], r[2];
    if (!pick_versions(o, k, r)) return usage;
    if (!check_out(o.out)) return bad_input;
    auto a = load_engine(k[0], r[0]);
    auto b = a ? load_engine(k[1], r[1]) : nullptr;
    if (!a || !b) return bad_input;
    Diagnostics ignored;  // both folders have just loaded, so they read
    io::CompareOptions options;
    options.changed_rules =
        io::rule_definition_changes(io::read_rules_dir(r[0], ignored), io::read_rules_dir(r[1], ignored));
    std::ios::sync_with_stdio(false);
    std::ifstream file;
    if (o.in != "-") {
        file.open(o.in, std::ios::binary);
        if (!file) {
            report_open_failure("compare", o.in);
            return bad_input;
        }
    }
    std::istream& in = o.in == "-" ? std::cin : file;
    Diagnostics diags;
    auto out_file = io::OutputFile::open(o.out.empty() ? "-" : o.out, diags, "IO001");
    if (!out_file) {
        print_diagnostics(diags);
        return bad_input;
    }
    options.threads = o.threads;
    options.format = *io::parse_compare_format(o.format);
    options.all = o.all;
    options.input_name = o.in == "-" ? "<stdin>" : o.in;
    options.progress = ::isatty(STDERR_FILENO) && !quiet() ? &std::cerr : nullptr;
    options.input_bytes = regular_file_size(o.in);
    const auto stats = io::run_compare(*a, *b, in, out_file->stream(), options);
    if (!out_file->commit(diags)) {
        print_diagnostics(diags);
        return bad_input;
    }
    if (!quiet()) io::write_compare_summary(std::cerr, stats);
    if (stats.internal > 0) return internal;
    return stats.errors > 0 ? check_failed : ok;
}

}  // namespace

void register_compare_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<CompareCli>();
    auto* cmd = app.add_subcommand(
        "compare", "What changes for every profile between two versions of the rules or of the knowledge");
    cmd->add_option("IN", o->in, "Profiles, one JSON object a line ('-': standard input)")->required();
    cmd->add_option("--rules", o->rules, "Rules folder; twice: version A, then version B")
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_option("--knowledge", o->knowledge, "Knowledge folder; twice: version A, then version B")
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_option("--format", o->format,
                    "text (the changed profiles, then the aggregate), json (one record per changed profile, "
                    "then an aggregate record) or csv (one row per profile and change)")
        ->check(CLI::IsMember({"text", "json", "csv"}))
        ->capture_default_str();
    cmd->add_flag("--all", o->all, "A record for every profile, unchanged ones too");
    cmd->add_option("--threads", o->threads, "Worker threads (default: all cores)")
        ->check(CLI::Range(1u, 1024u));
    cmd->add_option(
        "-o,--out", o->out,
        "Write to FILE (default: standard output; a regular file is replaced atomically at the end)");
    cmd->callback([&exit_code, o] { exit_code = run_compare_command(*o); });
}

}  // namespace rehab::app
