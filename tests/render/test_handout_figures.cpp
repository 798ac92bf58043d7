// The handout's drawings and header (issue 17): every exercise of the knowledge gets a well-formed
// SVG with a start and an end that differ, a band's fixing point where a band is fixed, deterministic
// bytes; the header fields are checked and escaped; a referral has none of the clinician's wording.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>

#include "io/render/figure/figure_svg.hpp"
#include "io/render/figure/scenes.hpp"
#include "io/render/handout_html.hpp"
#include "render_fixture.hpp"

using namespace rehab;
using rehab::test::render::recommender;

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string between(const std::string& s, const std::string& from, const std::string& to) {
    const auto a = s.find(from);
    if (a == std::string::npos) return "";
    const auto b = s.find(to, a);
    return b == std::string::npos ? "" : s.substr(a, b - a);
}

// The words a reader sees: the body without its tags (class names such as "refer" are not words).
std::string text_of(const std::string& html) {
    std::string out;
    bool tag = false;
    for (std::size_t i = html.find("<body>"); i != std::string::npos && i < html.size(); ++i) {
        if (html[i] == '<') tag = true;
        if (!tag) out += html[i];
        if (html[i] == '>') tag = false, out += ' ';
    }
    return out;
}

bool same_points(const io::figure::Body& a, const io::figure::Body& b) {
    auto eq = [](io::figure::Point p, io::figure::Point q) {
        return std::abs(p.x - q.x) < 0.05 && std::abs(p.y - q.y) < 0.05;
    };
    bool same = eq(a.pelvis, b.pelvis) && eq(a.neck, b.neck) && eq(a.head, b.head);
    for (int i = 0; i < 2; ++i)
        same = same && eq(a.knee[i], b.knee[i]) && eq(a.ankle[i], b.ankle[i]) && eq(a.toe[i], b.toe[i]) &&
               eq(a.elbow[i], b.elbow[i]) && eq(a.hand[i], b.hand[i]) && eq(a.hip[i], b.hip[i]);
    return same;
}

bool banded(const KnowledgeGraph& kg, const Exercise& e) {
    for (const auto& q : e.equipment)
        if (kg.equipment(q).key == "resistance_band") return true;
    return false;
}

}  // namespace

TEST_CASE("every exercise has a well-formed drawing with a start and an end that differ",
          "[render][figure]") {
    const KnowledgeGraph& kg = recommender().knowledge();
    REQUIRE(kg.exercises().size() >= 60);
    for (const auto& e : kg.exercises()) {
        INFO(e.key);
        const std::string svg = io::exercise_figure_svg(kg, e, e.name);
        std::string error;
        const bool ok = test::render::well_formed_xml(svg, error);
        INFO(error);
        CHECK(ok);
        CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
        CHECK(has(svg, "role=\"img\""));
        CHECK(has(svg, "aria-label=\"" + io::html_escape(e.name) + ": the start position"));
        CHECK(has(svg, "<title>" + io::html_escape(e.name) + ": the start position"));
        CHECK(has(svg, "<g class=\"start\">"));
        CHECK(has(svg, "<g class=\"end\">"));
        CHECK(has(svg, "moving"));  // the part that moves (or pushes) is highlighted
        CHECK_FALSE(has(svg, "nan"));
        CHECK_FALSE(has(svg, "inf"));
        // The start and the end differ: the body moves, or the end shows the push of a hold.
        const auto scene = io::figure::scene_for(kg, e);
        const bool moves = !same_points(io::figure::pose_body(scene.start), io::figure::pose_body(scene.end));
        CHECK((moves || !scene.efforts.empty()));
        if (!moves) CHECK(has(between(svg, "<g class=\"end\">", "</g>"), "class=\"effort\""));
        CHECK(io::exercise_figure_svg(kg, e, e.name) == svg);  // deterministic
    }
}

TEST_CASE("a band is drawn, with its fixing point wherever the steps fix it", "[render][figure]") {
    const KnowledgeGraph& kg = recommender().knowledge();
    int bands = 0, anchors = 0;
    for (const auto& e : kg.exercises()) {
        INFO(e.key);
        const std::string svg = io::exercise_figure_svg(kg, e, e.name);
        if (!banded(kg, e)) {
            CHECK_FALSE(has(svg, "class=\"band\""));
            continue;
        }
        ++bands;
        CHECK(has(svg, "class=\"band\""));
        bool fixed = false;
        for (const auto& step : e.instructions) fixed = fixed || has(lower(step), "fix");
        if (fixed) {
            ++anchors;
            CHECK(has(svg, "class=\"anchor\""));
            CHECK(has(svg, "the band is fixed at the ring"));
        }
    }
    CHECK(bands >= 9);
    CHECK(anchors >= 8);
}

TEST_CASE("the handout puts a drawing beside each exercise's steps", "[render][figure]") {
    const Recommender& r = recommender();
    Profile p = test::render::adductor_profile();
    Recommendation rec = r.recommend(p, true);
    const std::string html = io::programme_to_handout_html(r, rec, p);
    std::size_t svgs = 0;
    for (auto at = html.find("<svg "); at != std::string::npos; at = html.find("<svg ", at + 1)) ++svgs;
    CHECK(svgs == rec.items.size());
    CHECK(has(html, "<div class=\"cols\">\n<div class=\"pic\">\n<svg "));
    CHECK(has(html, "break-inside: avoid"));
    CHECK(has(html, "size: A4"));
    // No exercise id in the handout (the drawings are labelled with the names).
    for (const auto& e : r.knowledge().exercises())
        if (has(e.key, "_")) CHECK_FALSE(has(html, e.key));
}

TEST_CASE("the header fields are printed escaped - dates in words - and none by default",
          "[render][header]") {
    const Recommender& r = recommender();
    Profile p = test::render::adductor_profile();
    Recommendation rec = r.recommend(p, true);
    const std::string plain = io::programme_to_handout_html(r, rec, p);
    CHECK_FALSE(has(plain, "class=\"who\""));
    io::HandoutHeader h{"<script>alert('x')</script> & Co", "Dr \"Sam\"", "Clinic <b>0123</b>", "2026-03-04",
                        "2026-03-18"};
    REQUIRE(io::check_handout_header(h).empty());
    const std::string html = io::programme_to_handout_html(r, rec, p, h);
    std::string error;
    const bool ok = test::render::well_formed_xml(html, error);
    INFO(error);
    CHECK(ok);
    CHECK(has(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"));
    CHECK(has(html, "Dr &quot;Sam&quot;"));
    CHECK(has(html, "Clinic &lt;b&gt;0123&lt;/b&gt;"));
    CHECK_FALSE(has(lower(html), "<script"));
    CHECK(has(html, "4 March 2026"));
    CHECK(has(html, "18 March 2026"));
    CHECK(io::programme_to_handout_html(r, rec, p, h) == html);  // deterministic
    // The footer agrees with the header: it is the patient's clinician who chose the exercises.
    CHECK_FALSE(has(html, "A suggestion for a qualified clinician"));
    CHECK(has(between(html, "<div class=\"footer\">", "</body>"), "Your clinician chose these exercises"));
}

TEST_CASE("the header fields are checked - real dates - review not before - bounded lengths",
          "[render][header]") {
    auto problems = [](io::HandoutHeader h) { return io::check_handout_header(h).size(); };
    CHECK(problems({}) == 0);
    CHECK(problems({"", "", "", "2024-02-29", ""}) == 0);
    CHECK(problems({"", "", "", "2025-02-29", ""}) == 1);
    CHECK(problems({"", "", "", "2026-04-31", ""}) == 1);
    CHECK(problems({"", "", "", "2026-3-4", ""}) == 1);
    CHECK(problems({"", "", "", "04/03/2026", ""}) == 1);
    CHECK(problems({"", "", "", "", "2026-13-01"}) == 1);
    CHECK(problems({"", "", "", "2026-03-04", "2026-03-03"}) == 1);
    CHECK(problems({"", "", "", "2026-03-04", "2026-03-04"}) == 0);
    CHECK(problems({std::string(80, 'a'), std::string(80, 'b'), std::string(160, 'c'), "", ""}) == 0);
    CHECK(problems({std::string(81, 'a'), "", "", "", ""}) == 1);
    CHECK(problems({"", std::string(81, 'b'), "", "", ""}) == 1);
    CHECK(problems({"", "", std::string(161, 'c'), "", ""}) == 1);
    CHECK(problems({"Ann\nSmith", "", "", "", ""}) == 1);
    const auto why = io::check_handout_header({"", "", "", "2026-02-30", ""});
    REQUIRE(why.size() == 1);
    CHECK(has(why[0], "YYYY-MM-DD"));
}

TEST_CASE("a referral handout says what the patient should do - never the clinician's wording",
          "[render][header]") {
    const Recommender& r = recommender();
    const KnowledgeGraph& kg = r.knowledge();
    int emergency = 0, urgent = 0;
    for (const auto& f : kg.red_flags()) {
        INFO(f.key);
        Profile p = test::render::adductor_profile();
        p.red_flags = {f.id};
        Recommendation rec = r.recommend(p, true);
        REQUIRE(rec.referred());
        const std::string html =
            io::programme_to_handout_html(r, rec, p, {"Ann", "Dr Sam", "", "2026-03-04", ""});
        std::string error;
        const bool ok = test::render::well_formed_xml(html, error);
        INFO(error);
        CHECK(ok);
        const std::string l = lower(text_of(html));
        CHECK(has(l, "doctor"));
        CHECK_FALSE(has(html, io::html_escape(f.advice)));
        CHECK_FALSE(has(html, io::html_escape(f.concern)));
        for (const char* clinical : {"refer", "assessment", "imaging", "orthopaedic", "red flag", "torsion"})
            CHECK_FALSE(has(l, clinical));
        CHECK(has(html, "Please see a doctor before you start any exercises"));
        CHECK(has(html, "Ann"));
        CHECK_FALSE(has(html, "class=\"card\""));
        (f.urgency == Urgency::emergency ? emergency : urgent) += 1;
        CHECK(has(html, f.urgency == Urgency::emergency ? "Get medical help today" : "in the next few days"));
    }
    CHECK(emergency > 0);
    CHECK(urgent > 0);
}
