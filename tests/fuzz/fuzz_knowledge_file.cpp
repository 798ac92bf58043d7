// Harness: a knowledge file -> load with the other bundled knowledge files -> compile the bundled rules
// against it -> recommend for two example profiles -> every renderer. The first byte chooses which
// bundled file the rest replaces (the seeds are the bundled files, each behind its index).
#include <algorithm>
#include <filesystem>

#include "fuzz_support.hpp"
#include "io/json/reader.hpp"
#include "io/load/knowledge_loader.hpp"
#include "io/load/profile_reader.hpp"
#include "io/load/rules_loader.hpp"

namespace {

const std::string knowledge_dir = std::string(REHAB_SOURCE_DIR) + "/knowledge";

const std::vector<rehab::io::KnowledgeText>& bundled_knowledge_files() {
    static const std::vector<rehab::io::KnowledgeText> files = [] {
        std::vector<rehab::io::KnowledgeText> out;
        for (const auto& e : std::filesystem::recursive_directory_iterator(knowledge_dir)) {
            if (!e.is_regular_file() || e.path().extension() != ".json") continue;
            rehab::Diagnostics d;
            if (auto t = rehab::io::read_text_file(e.path().string(), d, "FZ001"))
                out.push_back(
                    {e.path().lexically_relative(knowledge_dir).generic_string(), e.path().string(), *t});
        }
        std::sort(out.begin(), out.end(),
                  [](const auto& a, const auto& b) { return a.relative < b.relative; });
        return out;
    }();
    return files;
}

const rehab::RuleSetData& bundled_rules() {
    static const rehab::RuleSetData rules = [] {
        rehab::Diagnostics d;
        return rehab::io::read_rules_dir(std::string(REHAB_SOURCE_DIR) + "/rules", d);
    }();
    return rules;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rehab;
    if (size == 0) return 0;
    auto files = bundled_knowledge_files();
    files[data[0] % files.size()].text = fuzz::text_of(data + 1, size - 1);
    Diagnostics d;
    auto kg = io::load_knowledge_texts(files, knowledge_dir, d);
    if (!kg) {
        fuzz::require(d.has_errors(), "a refused knowledge folder has an error");
        return 0;
    }
    auto rules = RuleSet::compile(bundled_rules(), kg, make_clinical_schema(*kg), d);
    if (!rules || d.has_errors()) return 0;
    auto r = Recommender::create(rules, d);
    if (!r) return 0;
    const auto& examples = fuzz::example_profiles();
    for (std::size_t pick : {size % examples.size(), (size / 7 + 1) % examples.size()}) {
        Diagnostics pd;
        if (auto p = io::parse_profile_text(examples[pick], r->knowledge(), "example.json", pd))
            fuzz::check_programme(*r, *p);
    }
    return 0;
}
