// Lists the *.json files of a data folder (knowledge, rules, scenarios) without throwing: every entry
// is examined through std::error_code overloads, and the entries that cannot be followed (a dangling
// link, a link loop, a link to a folder) are returned with the reason, for the caller to report.
#pragma once
#include <string>
#include <vector>

namespace rehab::io {

struct SkippedEntry {
    std::string path;    // as found under the folder ("rules/loop.json")
    std::string reason;  // "a symbolic link that cannot be followed: Too many levels of symbolic links"
    bool broken = true;  // false for a link to a folder (valid, but not followed)
};

struct JsonFiles {
    std::vector<std::string> files;     // relative to the folder, '/'-separated, sorted
    std::vector<SkippedEntry> skipped;  // in the order found
    std::string error;                  // the folder could not be listed, or listed to the end ("" when fine)
};

// Every regular file ending in .json under `dir`, recursively. Links to files are followed; links to
// folders are not (a link to "." would loop). A folder named `skip_folder` is not descended into.
JsonFiles list_json_files(const std::string& dir, const std::string& skip_folder = {});

}  // namespace rehab::io
