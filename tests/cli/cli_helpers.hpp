// Small helpers shared by the command-line tests of `rehab recommend`, `rehab explain` and
// `rehab rules`: paths of the bundled data, stderr line lookup, folder copies and listings.
#pragma once
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace rehab::test::cli {

inline const std::string source_dir = REHAB_SOURCE_DIR;
inline const std::string bundled_knowledge = source_dir + "/knowledge";
inline const std::string bundled_rules = source_dir + "/rules";

inline std::string example_profile(const std::string& name) {
    return source_dir + "/examples/profiles/" + name + ".json";
}

// Every example profile shipped in examples/profiles, sorted by path.
inline std::vector<std::string> example_profiles() {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(source_dir + "/examples/profiles"))
        if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path().generic_string());
    std::sort(out.begin(), out.end());
    REQUIRE(out.size() >= 13);  // a loop over no example would check nothing
    return out;
}

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// The first line of `text` that starts with `prefix` and contains every one of `parts` ("" when none).
inline std::string line_with(const std::string& text, const std::string& prefix,
                             const std::vector<std::string>& parts = {}) {
    for (const auto& line : lines_of(text)) {
        if (line.rfind(prefix, 0) != 0) continue;
        if (std::all_of(parts.begin(), parts.end(), [&](const std::string& p) { return contains(line, p); }))
            return line;
    }
    return "";
}

// Names of the entries directly inside `dir`, sorted.
inline std::vector<std::string> entries(const std::filesystem::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// Copies the folder `from` (recursively) to `to`.
inline void copy_folder(const std::string& from, const std::string& to) {
    std::filesystem::create_directories(to);
    std::filesystem::copy(from, to, std::filesystem::copy_options::recursive);
}

}  // namespace rehab::test::cli
