// Data-directory defaults and diagnostic printing shared by all commands.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "app/command.hpp"
#include "io/file/output_file.hpp"
#include "io/load/rules_loader.hpp"
#include "rehab/rehab.hpp"

namespace rehab::app {

// $REHAB_DATA_DIR; else the data installed next to this program (PREFIX/bin/rehab ->
// PREFIX/share/rehab, wherever the prefix was moved); else the source tree of a build-tree program;
// else the configure-time install prefix.
std::string default_data_dir() {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("REHAB_DATA_DIR"); env && *env) return env;
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = self.parent_path().parent_path() / "share" / "rehab";
        if (fs::exists(installed / "knowledge", ec) && fs::exists(installed / "rules", ec))
            return installed.string();
    }
    if (fs::exists(fs::path(REHAB_DEFAULT_DATA_DIR) / "knowledge", ec)) return REHAB_DEFAULT_DATA_DIR;
    return REHAB_INSTALLED_DATA_DIR;
}
std::string default_knowledge_dir() { return default_data_dir() + "/knowledge"; }
std::string default_rules_dir() { return default_data_dir() + "/rules"; }

std::string version_text() {
    std::string text = std::string("rehab ") + library_version;
    Diagnostics d;
    auto engine = io::load_recommender(default_knowledge_dir(), default_rules_dir(), d);
    if (!engine) return text + "\ndata: the knowledge or rules at " + default_data_dir() + " do not load";
    const DataVersions v = data_versions(*engine);
    return text + "\nknowledge " + v.knowledge_name + " " + v.knowledge_version + " (hash " +
           v.knowledge_hash + ")\nrules " + v.rules_version + " (hash " + v.rules_hash + ")";
}

namespace {

// What an option's value is, by the option's name.
const char* placeholder(const CLI::Option& o) {
    const std::string n = o.get_name(false, true);
    for (const char* dir : {"--knowledge", "--rules", "DIR"})
        if (n.find(dir) != std::string::npos) return "DIR";
    for (const char* file : {"--out", "--junit", "PROFILE", "IN", "PATHS"})
        if (n.find(file) != std::string::npos) return "FILE";
    for (const char* number : {"--count", "--seed", "--threads", "--weeks", "--sessions-per-week", "--port"})
        if (n.find(number) != std::string::npos) return "N";
    if (n.find("--format") != std::string::npos) return "FORMAT";
    if (n.find("--exercise") != std::string::npos || n.find("--condition") != std::string::npos || n == "ID")
        return "ID";
    return nullptr;
}

// One example per command, run from the source tree (or with the installed share/rehab/examples).
const char* example(const std::string& path) {
    static const std::vector<std::pair<std::string, const char*>> examples = {
        {"recommend", "rehab recommend examples/profiles/adductor_related_groin_pain.json --format text"},
        {"explain", "rehab explain examples/profiles/adductor_related_groin_pain.json --exercise clamshell"},
        {"simulate", "rehab simulate examples/profiles/hamstring_strain.json --weeks 8"},
        {"eval", "rehab eval scenarios --junit results.xml"},
        {"batch", "rehab generate --count 1000 | rehab batch - --summary -o out.jsonl"},
        {"compare", "rehab generate --count 200 | rehab compare --rules rules --rules rules - --format json"},
        {"generate", "rehab generate --count 100 --seed 7 -o profiles.jsonl"},
        {"kb check", "rehab kb check knowledge"},
        {"kb list", "rehab kb list conditions --format json"},
        {"kb show", "rehab kb show bridge"},
        {"kb graph", "rehab kb graph --condition hamstring_strain -o kb.dot && dot -Tsvg kb.dot -o kb.svg"},
        {"rules check", "rehab rules check rules --knowledge knowledge"},
        {"rules list", "rehab rules list"},
    };
    for (const auto& [name, text] : examples)
        if (name == path) return text;
    return nullptr;
}

void polish(CLI::App& cmd, const std::string& path) {
    for (CLI::Option* o : cmd.get_options())
        if (const char* p = placeholder(*o); p && o->get_type_size() != 0) o->type_name(p);
    if (const char* e = example(path)) cmd.footer(std::string("\nExample:\n  ") + e);
    for (CLI::App* sub : cmd.get_subcommands([](const CLI::App*) { return true; }))
        polish(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name());
}

}  // namespace

void polish_help(CLI::App& app) { polish(app, ""); }

int check_command_name(const CLI::App& app, int argc, char** argv) {
    if (argc < 2 || argv[1][0] == '-') return ok;
    const std::string name = argv[1];
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->get_name() == name) return ok;
        names.push_back(sub->get_name());
    }
    const std::string near = nearest_name(name, names);
    std::cerr << "rehab: error: unknown command '" << name << "'"
              << (near.empty() ? "" : "; did you mean '" + near + "'?") << "\n"
              << "Run 'rehab --help' for the commands.\n";
    return usage;
}

std::uint64_t regular_file_size(const std::string& path) {
    if (path.empty() || path == "-") return 0;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return 0;
    const auto size = std::filesystem::file_size(path, ec);
    return ec ? 0 : static_cast<std::uint64_t>(size);
}

void report_open_failure(const std::string& command, const std::string& path) {
    const int e = errno;
    std::cerr << "rehab: error: " << command << ": cannot open " << path << ": "
              << (e ? std::strerror(e) : "unknown reason") << "\n";
}

namespace {
bool quiet_ = false;
}  // namespace

bool quiet() { return quiet_; }
void set_quiet(bool q) { quiet_ = q; }

void set_log_level(bool verbose, bool quiet) {
    set_quiet(quiet);
    auto level = spdlog::level::warn;
    if (const char* env = std::getenv("REHAB_LOG_LEVEL"); env && *env) {
        level = spdlog::level::from_str(env);  // an unknown name is "off"
        if (level == spdlog::level::off && std::string(env) != "off") {
            std::cerr << "rehab: warning: REHAB_LOG_LEVEL='" << env
                      << "' is not trace, debug, info, warn, error or off; using warn\n";
            level = spdlog::level::warn;
        }
    }
    if (verbose) level = spdlog::level::debug;
    if (quiet) level = spdlog::level::err;
    spdlog::set_default_logger(spdlog::stderr_logger_st("rehab"));
    spdlog::set_pattern("rehab: %l: %v");
    spdlog::set_level(level);
}

std::shared_ptr<const Recommender> load_engine(const std::string& knowledge_dir,
                                               const std::string& rules_dir) {
    const auto start = std::chrono::steady_clock::now();
    const std::string kdir = knowledge_dir.empty() ? default_knowledge_dir() : knowledge_dir;
    const std::string rdir = rules_dir.empty() ? default_rules_dir() : rules_dir;
    Diagnostics diags;
    auto engine = io::load_recommender(kdir, rdir, diags);
    if (!engine || diags.has_errors()) {
        print_diagnostics(diags);
        return nullptr;
    }
    const auto ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    const DataVersions v = data_versions(*engine);
    spdlog::info(
        "loaded knowledge {} (hash {}, {} exercises) from {} and rules {} (hash {}, {} rules) from {} "
        "in {:.1f} ms",
        v.knowledge_version, v.knowledge_hash, engine->knowledge().exercise_count(), kdir, v.rules_version,
        v.rules_hash, engine->rules().rules().size(), rdir, ms);
    if (diags.warning_count() > 0)
        spdlog::warn("{} warning(s) while loading the data", diags.warning_count());
    return engine;
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

bool check_out(const std::string& path) {
    Diagnostics d;
    if (path.empty() || io::OutputFile::check_target(path, d, "IO001")) return true;
    print_diagnostics(d);
    return false;
}

void print_diagnostics(const Diagnostics& diags) {
    // Built whole, then one write: std::cerr is unbuffered, and a write per piece cost a system call each.
    std::string out;
    for (const auto& d : diags.items()) {
        out += d.location.file.empty() ? "<input>" : d.location.file;
        if (d.location.line > 0)
            out += ":" + std::to_string(d.location.line) + ":" + std::to_string(d.location.column);
        out += d.severity == Severity::error ? ": error[" : ": warning[";
        out += d.code + "]";
        if (!d.location.pointer.empty()) out += " at " + d.location.pointer;
        if (d.location.line == 0 && d.location.column > 0)
            out += " (column " + std::to_string(d.location.column) + ")";
        out += ": " + d.message;
        if (!d.hint.empty()) out += " (" + d.hint + ")";
        out += "\n";
    }
    if (diags.truncated()) {
        std::size_t shown = 0;
        for (const auto& d : diags.items()) shown += d.severity == Severity::error && d.code != "DG001";
        if (diags.error_count() > shown)
            out += "... and " + std::to_string(diags.error_count() - shown) + " more error(s), not shown\n";
    }
    if (diags.error_count() > 0) out += std::to_string(diags.error_count()) + " error(s)\n";
    std::cerr.write(out.data(), static_cast<std::streamsize>(out.size()));
    std::cerr.flush();
}

}  // namespace rehab::app
