// The harnesses' shared engine and invariants (see fuzz_support.hpp).
#include "fuzz_support.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "io/json/reader.hpp"
#include "io/load/rules_loader.hpp"
#include "io/render/handout_html.hpp"
#include "io/render/programme_json.hpp"
#include "io/render/programme_summary.hpp"
#include "io/render/programme_text.hpp"

namespace rehab::fuzz {

std::shared_ptr<const Recommender> engine() {
    static const std::shared_ptr<const Recommender> r = [] {
        Diagnostics d;
        auto loaded = io::load_recommender(std::string(REHAB_SOURCE_DIR) + "/knowledge",
                                           std::string(REHAB_SOURCE_DIR) + "/rules", d);
        require(loaded != nullptr, "the bundled knowledge and rules load");
        return loaded;
    }();
    return r;
}

const std::vector<std::string>& example_profiles() {
    static const std::vector<std::string> texts = [] {
        std::vector<std::string> out;
        std::error_code ec;
        for (const auto& e :
             std::filesystem::directory_iterator(std::string(REHAB_SOURCE_DIR) + "/examples/profiles", ec)) {
            Diagnostics d;
            if (auto t = io::read_text_file(e.path().string(), d, "FZ001")) out.push_back(*t);
        }
        std::sort(out.begin(), out.end());
        return out;
    }();
    return texts;
}

void require(bool ok, const char* what, const std::string& detail) {
    if (ok) return;
    std::fprintf(stderr, "fuzz invariant broken: %s\n%s\n", what, detail.substr(0, 4000).c_str());
    std::abort();
}

namespace {

nlohmann::json parsed(const std::string& text, const char* what) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    require(!j.is_discarded(), what, text);
    return j;
}

std::set<std::string> ids(const nlohmann::json& list) {
    std::set<std::string> out;
    if (list.is_array())
        for (const auto& item : list)
            if (item.is_object() && item.contains("id") && item["id"].is_string())
                out.insert(item["id"].get<std::string>());
    return out;
}

}  // namespace

void check_programme(const Recommender& r, const Profile& p) {
    const Recommendation rec = r.recommend(p, true);
    const std::string json = io::programme_to_json(r, rec, p);
    const nlohmann::json doc = parsed(json, "the programme JSON parses back");
    require(doc.contains("exercises") && doc["exercises"].is_array(), "the programme has an exercises array",
            json);
    const auto chosen = ids(doc["exercises"]);
    for (const auto& id : ids(doc.value("excluded", nlohmann::json::array())))
        require(chosen.count(id) == 0, "no excluded exercise is in exercises", id);
    for (const auto& item : rec.items)
        for (const auto& x : rec.excluded)
            require(!(x.exercise == item.exercise), "no excluded exercise is chosen (core)", json);

    std::string summary;
    io::append_programme_summary(r, rec, p, summary);
    parsed(summary, "the programme summary parses back");
    const std::string text = io::programme_to_text(r, rec, p);
    const std::string html = io::programme_to_handout_html(r, rec, p);
    require(html.find("</html>") != std::string::npos, "the handout is a whole HTML document");

    const Recommendation again = r.recommend(p, true);  // the same input gives the same bytes
    require(io::programme_to_json(r, again, p) == json, "the same profile gives the same JSON");
    require(io::programme_to_text(r, again, p) == text, "the same profile gives the same text");
    require(io::programme_to_handout_html(r, again, p) == html, "the same profile gives the same handout");
}

}  // namespace rehab::fuzz
