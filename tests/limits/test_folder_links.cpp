// Links in data folders: a symlink loop, a dangling link and a link to a folder never escape as an
// exception (once exit 70). In the rules and scenario folders a link that cannot be followed is a
// located error (RF014, SC014); in the knowledge folder it is a warning with the path (KB103).
#include <catch2/catch.hpp>
#include <filesystem>

#include "../cli/cli_helpers.hpp"
#include "../support/temp_dir.hpp"
#include "io/file/json_files.hpp"
#include "io/load/knowledge_loader.hpp"
#include "io/load/rules_loader.hpp"
#include "io/suite/scenario.hpp"

using namespace rehab;
namespace fs = std::filesystem;

namespace {

// A loop (loop.json -> loop.json), a dangling link, a link to the folder itself, a link to a file.
void add_links(const fs::path& dir) {
    fs::create_symlink("loop.json", dir / "loop.json");
    fs::create_symlink("missing.json", dir / "dangling.json");
    fs::create_symlink(".", dir / "self");
}

std::size_t count(const Diagnostics& d, const std::string& code, const std::string& path_part) {
    std::size_t n = 0;
    for (const auto& x : d.items())
        n += x.code == code && x.location.file.find(path_part) != std::string::npos;
    return n;
}

}  // namespace

TEST_CASE("links: list_json_files reports each link it cannot follow and never throws", "[limits][links]") {
    test::TempDir dir("links");
    dir.write("a.json", "{}");
    dir.write("sub/b.json", "{}");
    add_links(dir.path());
    fs::create_symlink("a.json", dir.path() / "alias.json");
    const auto listing = io::list_json_files(dir.str());
    CHECK(listing.error.empty());
    CHECK(listing.files == std::vector<std::string>{"a.json", "alias.json", "sub/b.json"});
    REQUIRE(listing.skipped.size() == 3);
    std::size_t broken = 0;
    for (const auto& s : listing.skipped) broken += s.broken;
    CHECK(broken == 2);  // the loop and the dangling link; the link to a folder is only not followed
}

TEST_CASE("links: a rules folder with a symlink loop is a located RF014 error", "[limits][links][rules]") {
    test::TempDir dir("rules-links");
    test::cli::copy_folder(test::cli::bundled_rules, dir.file("rules"));
    add_links(dir.path() / "rules");
    Diagnostics d;
    io::read_rules_dir(dir.file("rules"), d);
    CHECK(count(d, "RF014", "rules/loop.json") == 1);
    CHECK(count(d, "RF014", "rules/dangling.json") == 1);
    CHECK(count(d, "RF015", "rules/self") == 1);
}

TEST_CASE("links: a scenario folder with a symlink loop is a located SC014 error",
          "[limits][links][scenario]") {
    test::TempDir dir("scenario-links");
    dir.write("s/one.json", "{}");
    add_links(dir.path() / "s");
    Diagnostics d;
    const auto files = io::find_scenario_files({dir.file("s")}, d);
    CHECK(files.size() == 1);
    CHECK(count(d, "SC014", "s/loop.json") == 1);
    CHECK(count(d, "SC014", "s/dangling.json") == 1);
    CHECK(count(d, "SC015", "s/self") == 1);
}

TEST_CASE("links: the knowledge folder loads with a KB103 warning for each link skipped",
          "[limits][links][kb]") {
    test::TempDir dir("kb-links");
    test::cli::copy_folder(test::cli::bundled_knowledge, dir.file("knowledge"));
    add_links(dir.path() / "knowledge");
    Diagnostics d;
    auto kg = io::load_knowledge(dir.file("knowledge"), d);
    CHECK(kg);
    CHECK_FALSE(d.has_errors());
    CHECK(count(d, "KB103", "knowledge/loop.json") == 1);
    CHECK(count(d, "KB103", "knowledge/dangling.json") == 1);
    CHECK(count(d, "KB103", "knowledge/self") == 1);
}
