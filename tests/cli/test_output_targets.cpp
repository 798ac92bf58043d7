// --out for every kind of target, as a user runs it (issue 22): /dev/null stays a character device,
// a FIFO gets the stream, a symlink survives and its target is replaced, an existing file keeps its
// mode, /dev/full and an impossible folder fail with a message and a non-zero exit.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <string>
#include <vector>

#include "../support/cli.hpp"
#include "../support/temp_dir.hpp"

using namespace rehab::test;

namespace {

const std::string profile =
    std::string(REHAB_SOURCE_DIR) + "/examples/profiles/adductor_related_groin_pain.json";

// A JSON Lines file of two profiles for batch, written once.
std::string profiles_jsonl() {
    static const std::string path = [] {
        const std::string p =
            std::string(REHAB_TEST_WORK_DIR) + "/out-targets-" + std::to_string(::getpid()) + ".jsonl";
        std::filesystem::create_directories(REHAB_TEST_WORK_DIR);  // a fresh build has no work folder yet
        std::ofstream file(p);
        file << run_cli({"generate", "--count", "2"}).out;
        file.close();
        if (!file) FAIL("cannot write " << p);
        return p;
    }();
    return path;
}

// Every command that takes --out, with its arguments before the target.
std::vector<std::vector<std::string>> commands_with_out() {
    return {{"recommend", profile, "--out"},
            {"recommend", profile, "--format", "html", "-o"},
            {"batch", profiles_jsonl(), "--summary", "--out"},
            {"generate", "--count", "3", "--out"},
            {"kb", "graph", "--out"},
            {"simulate", profile, "--weeks", "2", "--out"},
            {"eval", std::string(REHAB_SOURCE_DIR) + "/scenarios/red_flags", "--no-coverage", "--junit"}};
}

std::vector<std::string> with(std::vector<std::string> args, const std::string& target) {
    args.push_back(target);
    return args;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void require_dev_null_is_a_device() {
    struct stat st {};
    REQUIRE(::stat("/dev/null", &st) == 0);
    if (!S_ISCHR(st.st_mode))
        FAIL(
            "/dev/null is not a character device on this machine: something (issue 22: --out replaced it) "
            "broke it; repair with: rm /dev/null && mknod -m 666 /dev/null c 1 3");
}

}  // namespace

TEST_CASE("out: /dev/null leaves /dev/null a character device, for every command", "[cli][out]") {
    require_dev_null_is_a_device();
    for (const auto& c : commands_with_out()) {
        INFO(c[0] << " " << c[1]);
        auto r = run_cli(with(c, "/dev/null"));
        CHECK(r.exit_code == 0);
        CHECK(r.err.find("cannot write") == std::string::npos);
        require_dev_null_is_a_device();
    }
}

TEST_CASE("out: to a FIFO streams to its reader", "[cli][out]") {
    TempDir dir("fifo");
    const std::string fifo = dir.file("pipe");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    auto reader = std::async(std::launch::async, [&] { return slurp(fifo); });
    auto r = run_cli({"generate", "--count", "5", "--out", fifo});
    CHECK(r.exit_code == 0);
    const std::string got = reader.get();
    CHECK(std::count(got.begin(), got.end(), '\n') == 5);
    struct stat st {};
    REQUIRE(::lstat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
}

TEST_CASE("out: to a symlink replaces its target and keeps the link", "[cli][out]") {
    TempDir dir("link");
    const std::string target = dir.write("results/2026-12-01.json", "old");
    const std::string link = dir.file("out.json");
    std::filesystem::create_symlink("results/2026-12-01.json", link);
    auto r = run_cli({"recommend", profile, "--out", link});
    REQUIRE(r.exit_code == 0);
    CHECK(std::filesystem::is_symlink(link));
    CHECK(slurp(target) == run_cli({"recommend", profile}).out);
    CHECK(std::distance(std::filesystem::directory_iterator(dir.file("results")), {}) == 1);  // no temp
}

TEST_CASE("out: over an existing file keeps its mode", "[cli][out]") {
    TempDir dir("mode");
    const std::string file = dir.write("private.json", "old");
    REQUIRE(::chmod(file.c_str(), 0600) == 0);
    auto r = run_cli({"recommend", profile, "--out", file});
    REQUIRE(r.exit_code == 0);
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0600);
    CHECK(slurp(file).find("rehab.programme/1") != std::string::npos);
}

TEST_CASE("out: to /dev/full fails with a message and a non-zero exit", "[cli][out]") {
    if (!std::filesystem::exists("/dev/full")) {
        WARN("no /dev/full on this machine: nothing to check");
        return;
    }
    for (const auto& c : commands_with_out()) {
        if (c[0] == "eval") continue;  // its exit code is the suite's result
        INFO(c[0] << " " << c[1]);
        auto r = run_cli(with(c, "/dev/full"));
        CHECK(r.exit_code == 2);  // documented: a write error is bad input, with the OS reason
        CHECK(r.err.find("/dev/full") != std::string::npos);
        CHECK(r.err.find("no space left") != std::string::npos);
    }
}

TEST_CASE("out: where no file can be created fails and writes nothing", "[cli][out]") {
    TempDir dir("nofolder");
    const std::string blocker = dir.write("not-a-folder", "a file");
    auto r = run_cli({"recommend", profile, "--out", blocker + "/programme.json"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("cannot write file") != std::string::npos);
    CHECK(slurp(blocker) == "a file");
    if (::geteuid() != 0) {  // a read-only folder stops only ordinary users
        TempDir ro("readonly");
        REQUIRE(::chmod(ro.str().c_str(), 0555) == 0);
        auto denied = run_cli({"recommend", profile, "--out", ro.file("programme.json")});
        CHECK(denied.exit_code == 2);
        CHECK(denied.err.find(ro.file("programme.json") + ": error[IO001]") != std::string::npos);
        CHECK(std::distance(std::filesystem::directory_iterator(ro.path()), {}) == 0);
        ::chmod(ro.str().c_str(), 0755);
    }
}

TEST_CASE("a closed pipe on standard output is a reported write error", "[cli][out]") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    ::close(fds[0]);  // nobody reads
    const int saved = ::dup(STDOUT_FILENO);
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[1]);
    const int status = std::system((std::string(REHAB_CLI) + " generate --count 20000 2>/dev/null").c_str());
    ::dup2(saved, STDOUT_FILENO);
    ::close(saved);
    REQUIRE(WIFEXITED(status));  // not killed by SIGPIPE
    CHECK(WEXITSTATUS(status) == 2);
}
