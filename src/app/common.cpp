// Data-directory defaults and diagnostic printing shared by all commands.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/command.hpp"
#include "io/file/output_file.hpp"
#include "io/load/rules_loader.hpp"
#include "rehab/rehab.hpp"

namespace rehab::app {

std::string default_data_dir() {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("REHAB_DATA_DIR"); env && *env) return env;
    std::error_code ec;
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
