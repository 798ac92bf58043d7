// Shared helpers for the renderer and explanation tests: the bundled knowledge and rules loaded
// once (tests/support/bundled.hpp), patient profiles built in code, and a small XML
// well-formedness checker for the handout.
#pragma once
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "../support/bundled.hpp"
#include "core/base/diagnostic.hpp"
#include "core/recommend/profile.hpp"
#include "core/recommend/recommender.hpp"
#include "io/load/rules_loader.hpp"

namespace rehab::test::render {

inline const Recommender& recommender() { return *bundled_recommender(); }

inline ExerciseId exercise(const std::string& key) {
    auto e = recommender().knowledge().find_exercise(key);
    REQUIRE(e);
    return *e;
}

// Mid-stage adductor-related groin pain, left side, a home kit; `resisted` is pain (0-10) on
// resisted hip adduction (above 3 excludes isotonic adduction work).
inline Profile adductor_profile(double resisted = 2) {
    const KnowledgeGraph& kg = recommender().knowledge();
    Profile p;
    p.id = "P-RENDER-1";
    p.age = 28;
    p.sex = "male";
    p.condition = *kg.find_condition("adductor_related_groin_pain");
    p.side = Side::left;
    p.days_since_onset = 21;
    p.pain.rest = 0;
    p.pain.walking = 1;
    p.pain.resisted.push_back({*kg.find_movement("hip_adduction"), resisted});
    p.pain.lasts_next_day = false;
    p.weight_bearing = WeightBearing::full;
    p.single_leg_stance_s = 20;
    p.squeeze_ratio = 0.6;
    for (const char* e : {"resistance_band", "ball", "mat", "step", "chair", "support"})
        p.equipment.push_back(*kg.find_equipment(e));
    p.on_pain_medication = false;
    return p;
}

inline Profile referral_profile() {
    Profile p = adductor_profile();
    p.id = "P-RENDER-REFER";
    p.red_flags.push_back(*recommender().knowledge().find_red_flag("fever"));
    return p;
}

// True when `text` is well-formed XML (a DOCTYPE allowed); `error` says where it is not.
inline bool well_formed_xml(const std::string& text, std::string& error) {
    std::vector<std::string> open;
    std::size_t i = 0, n = text.size();
    bool root_done = false;
    auto fail = [&](const std::string& why) {
        error = why + " at offset " + std::to_string(i);
        return false;
    };
    while (i < n) {
        if (text[i] == '&') {
            std::size_t semi = text.find(';', i);
            if (semi == std::string::npos || semi - i > 8) return fail("bare '&'");
            std::string ent = text.substr(i + 1, semi - i - 1);
            if (ent != "amp" && ent != "lt" && ent != "gt" && ent != "quot" && ent != "apos" &&
                ent.rfind('#', 0) != 0)
                return fail("unknown entity &" + ent + ";");
            i = semi + 1;
            continue;
        }
        if (text[i] != '<') {
            if (open.empty() && !std::isspace(static_cast<unsigned char>(text[i])))
                return fail("text outside the root");
            ++i;
            continue;
        }
        if (text.compare(i, 4, "<!--") == 0) {
            std::size_t end = text.find("-->", i);
            if (end == std::string::npos) return fail("unclosed comment");
            i = end + 3;
            continue;
        }
        if (text.compare(i, 2, "<!") == 0 || text.compare(i, 2, "<?") == 0) {
            if (!open.empty() || root_done) return fail("declaration inside the document");
            std::size_t end = text.find('>', i);
            if (end == std::string::npos) return fail("unclosed declaration");
            i = end + 1;
            continue;
        }
        std::size_t end = i + 1;
        char quote = 0;
        for (; end < n; ++end) {
            if (quote) {
                if (text[end] == quote)
                    quote = 0;
                else if (text[end] == '<')
                    return fail("'<' in an attribute");
            } else if (text[end] == '"' || text[end] == '\'') {
                quote = text[end];
            } else if (text[end] == '>') {
                break;
            } else if (text[end] == '<') {
                return fail("'<' inside a tag");
            }
        }
        if (end >= n) return fail("unclosed tag");
        std::string tag = text.substr(i + 1, end - i - 1);
        bool closing = !tag.empty() && tag[0] == '/';
        bool self = !tag.empty() && tag.back() == '/';
        std::string name = tag.substr(closing ? 1 : 0);
        name = name.substr(0, name.find_first_of(" \t\n/"));
        if (name.empty()) return fail("empty tag name");
        if (closing) {
            if (open.empty() || open.back() != name)
                return fail("</" + name + "> closes <" +
                            (open.empty() ? std::string("nothing") : open.back()) + ">");
            open.pop_back();
            if (open.empty()) root_done = true;
        } else if (!self) {
            if (open.empty() && root_done) return fail("second root element");
            open.push_back(name);
        }
        i = end + 1;
    }
    if (!open.empty()) {
        error = "<" + open.back() + "> is never closed";
        return false;
    }
    if (!root_done) {
        error = "no root element";
        return false;
    }
    return true;
}

}  // namespace rehab::test::render
