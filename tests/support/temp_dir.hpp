// RAII temporary folder for tests, created under REHAB_TEST_WORK_DIR and removed (with its
// contents) when the object goes out of scope. write() creates files and their parent folders.
#pragma once
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace rehab::test {

class TempDir {
public:
    explicit TempDir(const std::string& label = "tmp") {
        static std::atomic<unsigned> counter{0};
        path_ = std::filesystem::path(REHAB_TEST_WORK_DIR) /
                (label + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::string str() const { return path_.generic_string(); }
    // Path of `relative` inside the folder, as a string.
    [[nodiscard]] std::string file(const std::string& relative) const {
        return (path_ / relative).generic_string();
    }

    // Writes `text` to `relative` (creating folders) and returns its full path.
    std::string write(const std::string& relative, const std::string& text) const {
        auto p = path_ / relative;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p.generic_string();
    }
    [[nodiscard]] std::string read(const std::string& relative) const {
        std::ifstream in(path_ / relative, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

private:
    std::filesystem::path path_;
};

}  // namespace rehab::test
