// Shared pieces of the command-line app: exit codes, the data-directory defaults, and the
// registration functions each command file provides. Only the app maps errors to exit codes.
#pragma once
#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "core/base/diagnostic.hpp"
#include "core/recommend/recommender.hpp"

namespace rehab::app {

enum ExitCode : int {
    ok = 0,
    check_failed = 1,  // a check found problems / an evaluation failed
    bad_input = 2,     // the user's data (profile, knowledge, rules) is invalid
    usage = 64,        // command-line usage error (unknown option, bad option value)
    internal = 70,
};

// Folder holding knowledge/ and rules/: $REHAB_DATA_DIR, else PREFIX/share/rehab next to the program's
// PREFIX/bin, else the source tree (a program in the build tree), else the configured install prefix.
std::string default_data_dir();
std::string default_knowledge_dir();
std::string default_rules_dir();

// Checks an --out target before any work (see io::OutputFile::check_target); "" is standard output.
// Prints the problem and returns false when it cannot be written.
bool check_out(const std::string& path);

// Loads the knowledge and rules once (an empty folder: the bundled one), logging what was loaded and
// how long it took; prints the diagnostics and returns null when they do not load.
std::shared_ptr<const Recommender> load_engine(const std::string& knowledge_dir,
                                               const std::string& rules_dir);

// The size of a regular file (for progress in % and time left); 0 for "-", a pipe, a device or an error.
std::uint64_t regular_file_size(const std::string& path);
// "rehab: error: COMMAND: cannot open PATH: <the operating system's reason>" on stderr (errno as left
// by the failed open).
void report_open_failure(const std::string& command, const std::string& path);

// -q/--quiet: no progress lines and no warnings, only errors (set by main before any command runs).
bool quiet();
void set_quiet(bool q);
// The log level: -q error, -v debug, else $REHAB_LOG_LEVEL (trace, debug, info, warn, error, off), else warn.
void set_log_level(bool verbose, bool quiet);

// Whether standard output is a terminal (a person reading), not a pipe or a file (a program).
bool stdout_is_terminal();

// "rehab 0.1.0" and the bundled (or $REHAB_DATA_DIR) knowledge and rules versions with their hashes.
std::string version_text();

// usage (with "did you mean") when the first argument names no command; ok otherwise.
int check_command_name(const CLI::App& app, int argc, char** argv);

// Placeholders that say what to type (FILE, DIR, N, ID, FORMAT) and a short example under every
// command's --help. Called once, after every command is registered.
void polish_help(CLI::App& app);

// Prints diagnostics to stderr in "file:line:col: error[CODE] pointer: message (hint)" form.
void print_diagnostics(const Diagnostics& diags);

// Each command file registers its sub-commands. A callback stores its exit code in `exit_code`.
void register_kb_commands(CLI::App& app, int& exit_code);
void register_rules_commands(CLI::App& app, int& exit_code);
void register_recommend_commands(CLI::App& app, int& exit_code);
void register_scenario_commands(CLI::App& app, int& exit_code);
void register_simulate_commands(CLI::App& app, int& exit_code);
void register_serve_command(CLI::App& app, int& exit_code);
void register_compare_command(CLI::App& app, int& exit_code);

}  // namespace rehab::app
