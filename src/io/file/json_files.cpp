// The data-folder listing: a recursive walk in which no filesystem call may throw (a symlink loop
// used to escape as std::filesystem::filesystem_error, an internal error), each odd entry reported.
#include "io/file/json_files.hpp"

#include <algorithm>
#include <filesystem>

namespace rehab::io {

namespace fs = std::filesystem;

namespace {

// The path of an entry relative to the folder it was found in, without touching the filesystem
// (fs::relative resolves links, and so fails on a loop).
std::string relative_to(const fs::path& entry, const fs::path& root) {
    std::string e = entry.generic_string(), r = root.generic_string();
    if (e.compare(0, r.size(), r) == 0) e.erase(0, r.size());
    while (!e.empty() && e.front() == '/') e.erase(0, 1);
    return e;
}

}  // namespace

JsonFiles list_json_files(const std::string& dir, const std::string& skip_folder) {
    JsonFiles out;
    std::error_code ec;
    const fs::path root(dir);
    fs::recursive_directory_iterator it(root, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        std::error_code link_ec;
        const bool link = fs::is_symlink(it->symlink_status(link_ec));
        std::error_code target_ec;
        const fs::file_status target = fs::status(p, target_ec);  // follows links
        if (target_ec || (link && !fs::exists(target))) {
            const std::string why = target_ec ? target_ec.message() : "its target does not exist";
            out.skipped.push_back(
                {p.generic_string(),
                 (link ? "a symbolic link that cannot be followed: " : "an entry that cannot be examined: ") +
                     why,
                 true});
            continue;
        }
        if (fs::is_directory(target)) {
            if (link)
                out.skipped.push_back(
                    {p.generic_string(), "a symbolic link to a folder, not followed", false});
            else if (!skip_folder.empty() && p.filename() == skip_folder)
                it.disable_recursion_pending();
            continue;
        }
        if (fs::is_regular_file(target) && p.extension() == ".json")
            out.files.push_back(relative_to(p, root));
    }
    if (ec) out.error = ec.message();
    std::sort(out.files.begin(), out.files.end());
    return out;
}

}  // namespace rehab::io
