// Shared pieces of the command-line app: exit codes, the data-directory defaults, and the
// registration functions each command file provides. Only the app maps errors to exit codes.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

#include "core/base/diagnostic.hpp"

namespace rehab::app {

enum ExitCode : int {
    ok = 0,
    check_failed = 1,  // a check found problems / an evaluation failed
    bad_input = 2,     // the user's data (profile, knowledge, rules) is invalid
    usage = 64,        // command-line usage error (unknown option, bad option value)
    internal = 70,
};

// Folder holding knowledge/ and rules/: $REHAB_DATA_DIR, else the source tree, else the install.
std::string default_data_dir();
std::string default_knowledge_dir();
std::string default_rules_dir();

// Checks an --out target before any work (see io::OutputFile::check_target); "" is standard output.
// Prints the problem and returns false when it cannot be written.
bool check_out(const std::string& path);

// "rehab 0.1.0" and the bundled (or $REHAB_DATA_DIR) knowledge and rules versions with their hashes.
std::string version_text();

// usage (with "did you mean") when the first argument names no command; ok otherwise.
int check_command_name(const CLI::App& app, int argc, char** argv);

// Prints diagnostics to stderr in "file:line:col: error[CODE] pointer: message (hint)" form.
void print_diagnostics(const Diagnostics& diags);

// Each command file registers its sub-commands. A callback stores its exit code in `exit_code`.
void register_kb_commands(CLI::App& app, int& exit_code);
void register_rules_commands(CLI::App& app, int& exit_code);
void register_recommend_commands(CLI::App& app, int& exit_code);
void register_scenario_commands(CLI::App& app, int& exit_code);
void register_simulate_commands(CLI::App& app, int& exit_code);
void register_serve_command(CLI::App& app, int& exit_code);

}  // namespace rehab::app
