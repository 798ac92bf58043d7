// Atomic output files: create missing parent folders, write to "<path>.tmp-<pid>-<n>" in the
// same folder, flush, then rename. The temporary file is removed when anything fails.
#include "io/file/atomic_file.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

namespace rehab::io {

bool write_file_atomic(const std::string& path, const std::string& text, Diagnostics& d,
                       const std::string& code) {
    namespace fs = std::filesystem;
    static std::atomic<unsigned> counter{0};
    const std::string temp = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    if (auto parent = fs::path(path).parent_path(); !parent.empty()) {
        std::error_code ec;
        fs::create_directories(parent, ec);  // a failure shows up when the file is created
    }
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) {
            d.error(code, {path, ""}, "cannot write file: cannot create a file in its folder");
            return false;
        }
        out << text;
        out.flush();
        if (!out) {
            out.close();
            std::error_code ignored;
            fs::remove(temp, ignored);
            d.error(code, {path, ""}, "cannot write file: write failed (disk full?)");
            return false;
        }
    }
    std::error_code ec;
    fs::rename(temp, path, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        d.error(code, {path, ""}, "cannot write file: " + ec.message());
        return false;
    }
    return true;
}

}  // namespace rehab::io
