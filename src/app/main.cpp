// Entry point of the `rehab` command-line program: builds the CLI11 command tree from the
// per-area registration functions and maps their outcomes to exit codes.
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdlib>
#include <iostream>

#include "app/command.hpp"
#include "rehab/version.hpp"

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);  // a closed pipe is a write error to report, not a silent death
    CLI::App app{
        "rehab: suggests and progresses a mid-stage hip & groin rehabilitation programme.\n"
        "A decision aid for clinicians: it suggests, the clinician decides."};
    app.set_version_flag("-V,--version", [] { return rehab::app::version_text(); });
    app.require_subcommand(1);
    bool verbose = false, quiet = false;
    app.add_flag("-v,--verbose", verbose, "Log what is loaded and done to stderr (or REHAB_LOG_LEVEL=debug)");
    app.add_flag("-q,--quiet", quiet, "Only errors on stderr: no progress lines, no warnings");
    int exit_code = rehab::app::ok;
    rehab::app::register_kb_commands(app, exit_code);
    rehab::app::register_rules_commands(app, exit_code);
    rehab::app::register_recommend_commands(app, exit_code);
    rehab::app::register_scenario_commands(app, exit_code);
    rehab::app::register_compare_command(app, exit_code);
    rehab::app::register_simulate_commands(app, exit_code);
    rehab::app::register_serve_command(app, exit_code);
    rehab::app::polish_help(app);
    // Usage errors in the one message style: "rehab: error: <what CLI11 found>", then where to look.
    app.failure_message([](const CLI::App*, const CLI::Error& e) {
        return "rehab: error: " + std::string(e.what()) + "\nRun 'rehab COMMAND --help' for its options.\n";
    });
    app.parse_complete_callback([&] { rehab::app::set_log_level(verbose, quiet); });
    if (const int code = rehab::app::check_command_name(app, argc, argv); code != rehab::app::ok) return code;
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);  // prints help, the version, or the usage error
        return code == 0 ? rehab::app::ok : rehab::app::usage;
    } catch (const std::exception& e) {
        std::cerr << "rehab: internal error: " << e.what() << "\n";
        return rehab::app::internal;
    }
    return exit_code;
}
