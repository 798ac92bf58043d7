// Harness: a rules file -> read -> compile with the other bundled rule files -> recommend for two
// example profiles -> every renderer. The first byte chooses which bundled file the rest replaces (the
// seeds are the bundled files, each behind its index), so mutations stay close to real rules.
#include <algorithm>
#include <filesystem>

#include "core/recommend/clinical_schema.hpp"
#include "fuzz_support.hpp"
#include "io/json/reader.hpp"
#include "io/load/profile_reader.hpp"
#include "io/load/rules_loader.hpp"

namespace {

struct RuleFile {
    std::string name, text;
};

const std::vector<RuleFile>& bundled_rule_files() {
    static const std::vector<RuleFile> files = [] {
        std::vector<RuleFile> out;
        for (const auto& e : std::filesystem::directory_iterator(std::string(REHAB_SOURCE_DIR) + "/rules")) {
            rehab::Diagnostics d;
            if (auto t = rehab::io::read_text_file(e.path().string(), d, "FZ001"))
                out.push_back({e.path().filename().string(), *t});
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
        return out;
    }();
    return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rehab;
    if (size == 0) return 0;
    const auto& files = bundled_rule_files();
    const std::size_t replaced = data[0] % files.size();
    RuleSetData rules;
    Diagnostics d;
    for (std::size_t i = 0; i < files.size(); ++i)
        io::read_rules_text(i == replaced ? fuzz::text_of(data + 1, size - 1) : files[i].text, files[i].name,
                            rules, d);
    if (d.has_errors()) return 0;
    auto kg = fuzz::engine()->rules().knowledge_ptr();
    auto compiled = RuleSet::compile(rules, kg, make_clinical_schema(*kg), d);
    if (!compiled || d.has_errors()) return 0;
    auto r = Recommender::create(compiled, d);
    if (!r) return 0;
    const auto& examples = fuzz::example_profiles();  // two of them, chosen by the input
    for (std::size_t pick : {size % examples.size(), (size / 7 + 1) % examples.size()}) {
        Diagnostics pd;
        if (auto p = io::parse_profile_text(examples[pick], r->knowledge(), "example.json", pd))
            fuzz::check_programme(*r, *p);
    }
    return 0;
}
