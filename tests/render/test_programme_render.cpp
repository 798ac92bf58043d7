// The programme renderers on the bundled knowledge and rules: the rehab.programme/1 JSON document
// (keys, no nulls, determinism), the terminal report, the patient handout (well-formed, plain
// words, every exercise and the pain ceiling) and the referral variants of all three.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>

#include "io/render/handout_html.hpp"
#include "io/render/programme_json.hpp"
#include "io/render/programme_text.hpp"
#include "render_fixture.hpp"

using namespace rehab;
using test::render::recommender;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// No null, no empty string, no empty object anywhere below `j`.
void require_no_empty(const nlohmann::json& j, const std::string& where = "") {
    INFO(where);
    REQUIRE_FALSE(j.is_null());
    if (j.is_string()) REQUIRE_FALSE(j.get<std::string>().empty());
    if (j.is_object())
        for (auto it = j.begin(); it != j.end(); ++it) require_no_empty(it.value(), where + "/" + it.key());
    if (j.is_array())
        for (std::size_t i = 0; i < j.size(); ++i) require_no_empty(j[i], where + "/" + std::to_string(i));
}

}  // namespace

TEST_CASE("programme JSON has the rehab.programme/1 keys and no nulls", "[render]") {
    const Recommender& r = recommender();
    Profile p = test::render::adductor_profile();
    Recommendation rec = r.recommend(p, true);
    REQUIRE_FALSE(rec.referred());
    REQUIRE_FALSE(rec.items.empty());
    auto j = nlohmann::json::parse(io::programme_to_json(r, rec, p));
    CHECK(j["format"] == "rehab.programme/1");
    CHECK(j["profile_id"] == "P-RENDER-1");
    CHECK(j["engine"]["name"] == "rehab");
    CHECK(j["engine"].contains("version"));
    CHECK(j["knowledge"].contains("name"));
    CHECK(j["knowledge"].contains("version"));
    CHECK(j["knowledge"].contains("hash"));
    CHECK(j["rules"].contains("version"));
    CHECK(j["rules"].contains("hash"));
    CHECK(j["stage"]["value"] == "mid");
    CHECK(j["stage"].contains("source"));
    CHECK(j["stage"]["next_stage"] == "late");
    REQUIRE(j["stage"].contains("unmet"));
    bool stance = false;
    for (const auto& u : j["stage"]["unmet"])
        if (u["fact"] == "single_leg_stance_s") stance = u["observed"] == 20 && u["needs"] == ">= 30";
    CHECK(stance);
    CHECK(j["irritability"] == "low");
    CHECK(j["pain_ceiling"] == 3);
    CHECK_FALSE(j.contains("referral"));
    REQUIRE(j["exercises"].size() == rec.items.size());
    for (const auto& e : j["exercises"]) {
        CHECK(e.contains("id"));
        CHECK(e.contains("name"));
        CHECK(e.contains("component"));
        CHECK(e.contains("side"));
        CHECK(e["dose"].contains("sets"));
        CHECK(e.contains("why"));
        CHECK(e["change"].contains("kind"));
    }
    CHECK(j["exercises"][0]["id"] == r.knowledge().exercise(rec.items[0].exercise).key);
    CHECK(j["excluded"].size() == rec.excluded.size());
    CHECK(j["not_chosen"].size() == rec.not_chosen.size());
    CHECK(j.contains("warnings"));
    CHECK(j["disclaimer"] == "A suggestion for a qualified clinician; not a substitute for examination.");
    CHECK_FALSE(j["trace"]["rules_fired"].empty());
    CHECK(j["trace"]["facts"]["stage"] == "mid");
    require_no_empty(j);
}

TEST_CASE("programme JSON: the band - side and exclusion reasons", "[render]") {
    const Recommender& r = recommender();
    Profile p = test::render::adductor_profile(5);
    Recommendation rec = r.recommend(p, true);
    auto j = nlohmann::json::parse(io::programme_to_json(r, rec, p));
    for (const auto& e : j["exercises"]) {
        if (e["dose"].contains("band")) {
            CHECK(e["dose"]["band"].contains("id"));
            CHECK(e["dose"]["band"]["force_lb"].is_number());
        }
        if (e["id"] == "adductor_squeeze") CHECK(e["side"] == "both");
        if (e["id"] == "hip_abduction_band") CHECK(e["side"] == "left");
    }
    bool found = false;
    for (const auto& x : j["excluded"])
        if (x["id"] == "side_lying_hip_adduction") {
            found = true;
            REQUIRE(x["why"].size() == 1);
            CHECK(x["why"][0]["rule"] == "adductor.resisted_pain");
            bool seen = false;
            for (const auto& o : x["why"][0]["observed"])
                if (o["fact"] == "pain.resisted.hip_adduction")
                    seen = o["value"] == 5 && o["needs"] == "<= 3";
            CHECK(seen);
        }
    CHECK(found);
}

TEST_CASE("renderers are deterministic", "[render]") {
    const Recommender& r = recommender();
    Profile p = test::render::adductor_profile(5);
    Recommendation a = r.recommend(p, true), b = r.recommend(p, true);
    CHECK(io::programme_to_json(r, a, p) == io::programme_to_json(r, b, p));
    CHECK(io::programme_to_text(r, a, p) == io::programme_to_text(r, b, p));
    CHECK(io::programme_to_handout_html(r, a, p) == io::programme_to_handout_html(r, b, p));
}

TEST_CASE("a referral has no exercises in any output", "[render]") {
    const Recommender& r = recommender();
    Profile p = test::render::referral_profile();
    Recommendation rec = r.recommend(p, true);
    REQUIRE(rec.referred());
    auto j = nlohmann::json::parse(io::programme_to_json(r, rec, p));
    CHECK(j["exercises"].empty());
    CHECK(j["excluded"].empty());
    CHECK(j["referral"]["urgency"] == "emergency");
    REQUIRE(j["referral"]["reasons"].size() == 1);
    CHECK(j["referral"]["reasons"][0]["red_flag"] == "fever");
    CHECK(j["referral"]["reasons"][0]["rule"] == "red_flag.fever");
    CHECK(j["referral"]["reasons"][0].contains("advice"));
    require_no_empty(j);

    const RedFlag& fever = r.knowledge().red_flag(*r.knowledge().find_red_flag("fever"));
    std::string text = io::programme_to_text(r, rec, p);
    CHECK(text.find("REFER") != std::string::npos);
    CHECK(text.find(fever.advice) != std::string::npos);
    CHECK(text.find("Programme (") == std::string::npos);

    std::string html = io::programme_to_handout_html(r, rec, p);
    std::string error;
    bool ok = test::render::well_formed_xml(html, error);
    INFO(error);
    CHECK(ok);
    CHECK(html.find("class=\"card\"") == std::string::npos);
    CHECK(html.find("see a doctor") != std::string::npos);
    // The red flag's advice is the clinician's wording ("refer for same-day medical assessment"):
    // the handout says what the patient should do instead (issue 17).
    CHECK(html.find(io::html_escape(fever.advice)) == std::string::npos);
    CHECK(html.find("Get medical help today") != std::string::npos);
}

TEST_CASE("the terminal report names every exercise and the stage", "[render]") {
    const Recommender& r = recommender();
    Profile p = test::render::adductor_profile(5);
    Recommendation rec = r.recommend(p, true);
    std::string text = io::programme_to_text(r, rec, p);
    CHECK(text.find("P-RENDER-1") != std::string::npos);
    CHECK(text.find("Stage:        mid") != std::string::npos);
    CHECK(text.find("Pain ceiling: 3/10") != std::string::npos);
    for (const auto& it : rec.items)
        CHECK(text.find(r.knowledge().exercise(it.exercise).name) != std::string::npos);
    CHECK(text.find("Excluded (") != std::string::npos);
    CHECK(text.find("adductor.resisted_pain (pain on resisted hip adduction: 5/10)") != std::string::npos);
    CHECK(text.find("Not yet ready for the late stage") != std::string::npos);
    CHECK(text.find("A suggestion for a qualified clinician") != std::string::npos);
}

TEST_CASE("the handout is well-formed - plain and complete", "[render]") {
    const Recommender& r = recommender();
    Profile p = test::render::adductor_profile();
    Recommendation rec = r.recommend(p, true);
    std::string html = io::programme_to_handout_html(r, rec, p);
    std::string error;
    bool ok = test::render::well_formed_xml(html, error);
    INFO(error);
    REQUIRE(ok);
    for (const auto& it : rec.items)
        CHECK(html.find(io::html_escape(io::plain_words(r.knowledge().exercise(it.exercise).name))) !=
              std::string::npos);
    CHECK(html.find("at or below 3 out of 10 during the exercise and has settled by the next morning") !=
          std::string::npos);
    CHECK(html.find("Stop and contact your clinician if") != std::string::npos);
    CHECK(html.find("@page") != std::string::npos);
    CHECK(html.find("page-break-inside: avoid") != std::string::npos);
    CHECK(html.find(r.knowledge().version()) != std::string::npos);
    CHECK(html.find("not a substitute for examination") != std::string::npos);
    std::string l = lower(html);
    for (const char* banned :
         {"<script", "src=", "href=", "<link", "eccentric", "irritab", "[select.", "favour."})
        CHECK(l.find(banned) == std::string::npos);
    for (const auto& it : rec.items)
        for (const auto& s : it.selected_by) CHECK(html.find(r.rules().rule(s.rule).id) == std::string::npos);
}

TEST_CASE("the handout states each dose in words", "[render]") {
    const Recommender& r = recommender();
    PrescribedDose d;
    d.sets = 3, d.reps = 10, d.reps_top = 15, d.tempo = "1-0-3", d.per_week = 3;
    d.band = *r.knowledge().find_band("red");
    CHECK(io::dose_in_words(r.knowledge(), d) ==
          "3 sets of 10 repetitions, take 1 second to lift and lower slowly over 3 seconds, 3 times a "
          "week, red band");
    PrescribedDose hold;
    hold.sets = 1, hold.hold_s = 30, hold.per_week = 7, hold.per_side = true, hold.tempo = "1 s up, 3 s down";
    CHECK(io::dose_in_words(r.knowledge(), hold) ==
          "1 set, holding for 30 seconds, on each side, take 1 second to lift and lower slowly over 3 "
          "seconds, every day");
    PrescribedDose copenhagen;  // 2 x 3 per side, progressing to 15: the patient reads 3, not 3-15
    copenhagen.sets = 2, copenhagen.reps = 3, copenhagen.reps_top = 15, copenhagen.per_side = true;
    copenhagen.hold_s = 2, copenhagen.hold_top = 5, copenhagen.per_week = 2;
    CHECK(io::dose_in_words(r.knowledge(), copenhagen) ==
          "2 sets of 3 repetitions, holding each for 2 seconds, on each side, 2 times a week");
    CHECK(io::html_escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
    CHECK(io::plain_words("Eccentric hip adduction") == "Controlled hip adduction");
}

TEST_CASE("the XML checker rejects what is not well-formed", "[render]") {
    std::string e;
    CHECK(test::render::well_formed_xml("<!DOCTYPE html>\n<html><p>a &amp; b</p><br/></html>\n", e));
    CHECK_FALSE(test::render::well_formed_xml("<html><p><b></p></b></html>", e));
    CHECK_FALSE(test::render::well_formed_xml("<html><p>a & b</p></html>", e));
    CHECK_FALSE(test::render::well_formed_xml("<html><p>open</html>", e));
    CHECK_FALSE(test::render::well_formed_xml("<html></html><html></html>", e));
}

TEST_CASE("one tempo notation: every tempo in the knowledge and the rules is up-pause-down seconds",
          "[render]") {
    const Recommender& r = recommender();
    auto tempo_ok = [](const std::string& t) {
        int up = -1, pause = -1, down = -1;
        char end = 0;
        return t.empty() || (std::sscanf(t.c_str(), "%d-%d-%d%c", &up, &pause, &down, &end) == 3 && up >= 0 &&
                             pause >= 0 && down >= 0);
    };
    int seen = 0;
    for (const auto& e : r.knowledge().exercises())
        for (const auto& d : e.dosage)
            if (d && !d->tempo.empty()) {
                INFO(e.key << " tempo '" << d->tempo << "'");
                CHECK(tempo_ok(d->tempo));
                ++seen;
            }
    for (const auto& rule : r.rules().rules())
        for (const auto& a : rule.actions)
            if (!a.tempo.empty()) {
                INFO(rule.id << " tempo '" << a.tempo << "'");
                CHECK(tempo_ok(a.tempo));
                ++seen;
            }
    CHECK(seen > 20);
}

TEST_CASE("the text table has a Change column after a review, and none for a first programme", "[render]") {
    const Recommender& r = recommender();
    Profile first = test::render::adductor_profile();
    const std::string plain = io::programme_to_text(r, r.recommend(first, true), first);
    CHECK(plain.find("  Change  ") == std::string::npos);
    Profile reviewed = first;
    const Recommendation before = r.recommend(first, true);
    for (const auto& it : before.items)
        reviewed.history.programme.push_back(
            {it.exercise, it.dose.sets, std::nullopt, std::nullopt, std::nullopt});
    const std::string review = io::programme_to_text(r, r.recommend(reviewed, true), reviewed);
    CHECK(review.find("Change") != std::string::npos);
    CHECK(review.find("held") != std::string::npos);
}

TEST_CASE("the handout shows the dose to do, never the range it progresses through", "[render]") {
    const Recommender& r = recommender();
    const std::regex range(R"([0-9]+-[0-9]+ (repetitions|seconds))");
    std::size_t cards = 0;
    for (const auto& c : r.knowledge().conditions()) {
        Profile p = test::render::adductor_profile();
        p.condition = c.id;
        const Recommendation rec = r.recommend(p, false);
        const std::string html = io::programme_to_handout_html(r, rec, p);
        INFO(c.key);
        CHECK_FALSE(std::regex_search(html, range));
        for (const auto& it : rec.items) {
            ++cards;
            if (it.dose.reps)
                CHECK(html.find(std::to_string(*it.dose.reps) + " repetition") != std::string::npos);
        }
    }
    CHECK(cards >= 40);  // every condition's programme was rendered
}

TEST_CASE("the handout ends with a week's log: planned days to tick, pain during and next morning",
          "[render]") {
    const Recommender& r = recommender();
    Profile p = test::render::adductor_profile();
    const Recommendation rec = r.recommend(p, false);
    const std::string html = io::programme_to_handout_html(r, rec, p);
    const auto log = html.find("<div class=\"log\">");
    REQUIRE(log != std::string::npos);
    CHECK(html.find("Worst pain during (0-10)", log) != std::string::npos);
    CHECK(html.find("Pain next morning (0-10)", log) != std::string::npos);
    REQUIRE_FALSE(rec.items.empty());
    std::size_t three_a_week = 0;
    for (std::size_t i = 0; i < rec.items.size(); ++i) {
        const std::string name =
            io::html_escape(io::plain_words(r.knowledge().exercise(rec.items[i].exercise).name));
        const auto row = html.find("<tr><td>" + std::to_string(i + 1) + ". " + name + "</td>", log);
        REQUIRE(row != std::string::npos);
        const std::string cells = html.substr(row, html.find("</tr>", row) - row);
        std::string pattern;  // t = a box to tick, r = rest, one letter per day
        for (auto at = cells.find("<td class=\""); at != std::string::npos;
             at = cells.find("<td class=\"", at + 1))
            pattern += cells[at + 11];
        INFO(name << ": " << pattern);
        const int per_week = rec.items[i].dose.per_week;
        CHECK(std::count(pattern.begin(), pattern.end(), 't') == std::min(per_week, 7));
        if (per_week == 3) {
            ++three_a_week;
            CHECK(pattern == "trtrtrr");  // non-consecutive days
        }
        if (per_week >= 7) CHECK(pattern == "ttttttt");
    }
    CHECK(three_a_week > 0);
}
