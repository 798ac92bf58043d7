// Runs the real `rehab` binary (REHAB_CLI) in a child process for command-line tests, feeding
// stdin and capturing stdout, stderr and the exit code separately.
#pragma once
#include <string>
#include <vector>

namespace rehab::test {

struct CliResult {
    int exit_code = -1;      // the program's exit status; 128 + signal when it was killed
    std::string out;         // standard output
    std::string err;         // standard error
    double seconds = 0;      // wall time from fork to exit
    double cpu_seconds = 0;  // the child's user + system time (steady on a loaded machine)
    long peak_rss_kb = 0;    // the child's peak resident memory (wait4's ru_maxrss)
};

// args exclude the program name, e.g. {"kb", "check"}. Extra environment entries ("NAME=value")
// are added to the child's environment.
CliResult run_cli(const std::vector<std::string>& args, const std::string& stdin_text = "");
CliResult run_cli_env(const std::vector<std::string>& args, const std::vector<std::string>& env,
                      const std::string& stdin_text = "");

}  // namespace rehab::test
