// Data-directory defaults and diagnostic printing shared by all commands.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/command.hpp"

namespace rehab::app {

std::string default_data_dir() {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("REHAB_DATA_DIR"); env && *env) return env;
    if (fs::exists(fs::path(REHAB_DEFAULT_DATA_DIR) / "knowledge")) return REHAB_DEFAULT_DATA_DIR;
    return REHAB_INSTALLED_DATA_DIR;
}
std::string default_knowledge_dir() { return default_data_dir() + "/knowledge"; }
std::string default_rules_dir() { return default_data_dir() + "/rules"; }

void print_diagnostics(const Diagnostics& diags) {
    for (const auto& d : diags.items()) {
        std::cerr << (d.location.file.empty() ? "<input>" : d.location.file);
        if (d.location.line > 0) std::cerr << ":" << d.location.line << ":" << d.location.column;
        std::cerr << ": " << (d.severity == Severity::error ? "error" : "warning") << "[" << d.code << "]";
        if (!d.location.pointer.empty()) std::cerr << " at " << d.location.pointer;
        if (d.location.line == 0 && d.location.column > 0)
            std::cerr << " (column " << d.location.column << ")";
        std::cerr << ": " << d.message;
        if (!d.hint.empty()) std::cerr << " (" << d.hint << ")";
        std::cerr << "\n";
    }
    if (diags.error_count() > 0) std::cerr << diags.error_count() << " error(s)\n";
}

}  // namespace rehab::app
