// The eval reports: the text table shows each failed expectation under its scenario, and the
// JUnit XML is well formed (balanced elements, escaped text) with the right counts.
#include <catch2/catch.hpp>
#include <sstream>

#include "io/suite/scenario_report.hpp"

using namespace rehab;

namespace {

std::vector<io::ScenarioResult> sample() {
    io::ScenarioResult pass{"ok-one", "a/ok.json", io::ScenarioStatus::pass, 3, {}, {}, 0.01};
    io::ScenarioResult fail{"bad <one> & \"two\"",
                            "a/bad.json",
                            io::ScenarioStatus::fail,
                            4,
                            {{"exclude hip_adduction_band", "it is in the programme at position 2",
                              "chosen at position 2, score 5 & more <x>"}},
                            {},
                            0.02};
    io::ScenarioResult error{"broken",
                             "a/broken.json",
                             io::ScenarioStatus::error,
                             0,
                             {{"a valid scenario file", "SC001 at 3:5: syntax error", ""}},
                             {},
                             0};
    return {pass, fail, error};
}

// A small well-formedness check: every element closed in order, attributes quoted, no raw '<' or
// '&' in text (only the five predefined entities).
bool well_formed(const std::string& xml, std::string& why) {
    std::vector<std::string> stack;
    std::size_t i = xml.find("?>");
    if (xml.rfind("<?xml", 0) != 0 || i == std::string::npos) return why = "no XML declaration", false;
    for (i += 2; i < xml.size(); ++i) {
        if (xml[i] == '&') {
            auto semi = xml.find(';', i);
            const std::string entity = xml.substr(i, semi == std::string::npos ? 0 : semi - i + 1);
            if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;" &&
                entity != "&apos;" && entity != "&#39;")
                return why = "bad entity at " + std::to_string(i), false;
            continue;
        }
        if (xml[i] != '<') continue;
        auto end = xml.find('>', i);
        if (end == std::string::npos) return why = "unclosed tag", false;
        std::string tag = xml.substr(i + 1, end - i - 1);
        if (tag.find('<') != std::string::npos) return why = "'<' inside a tag", false;
        if (std::count(tag.begin(), tag.end(), '"') % 2) return why = "unbalanced quotes in " + tag, false;
        const bool closing = tag[0] == '/', empty = tag.back() == '/';
        std::string name = tag.substr(closing ? 1 : 0);
        name = name.substr(0, name.find_first_of(" /"));
        if (closing) {
            if (stack.empty() || stack.back() != name) return why = "mismatched </" + name + ">", false;
            stack.pop_back();
        } else if (!empty) {
            stack.push_back(name);
        }
        i = end;
    }
    if (!stack.empty()) return why = "unclosed <" + stack.back() + ">", false;
    return true;
}

}  // namespace

TEST_CASE("report: the table shows each failure - the engine's explanation and a summary", "[scenarios]") {
    std::ostringstream out;
    io::write_results_table(out, sample());
    const auto text = out.str();
    CHECK(text.find("ok-one") != std::string::npos);
    CHECK(text.find("    x exclude hip_adduction_band: it is in the programme at position 2") !=
          std::string::npos);
    CHECK(text.find("      engine: chosen at position 2") != std::string::npos);
    CHECK(text.find("3 scenarios: 1 passed, 1 failed, 1 invalid (7 checks)") != std::string::npos);
}

TEST_CASE("report: JUnit XML is well formed with counts - failures and errors", "[scenarios]") {
    const auto xml = io::junit_xml(sample());
    std::string why;
    INFO(xml);
    CHECK(well_formed(xml, why));
    INFO(why);
    CHECK(xml.find("tests=\"3\" failures=\"1\" errors=\"1\"") != std::string::npos);
    CHECK(xml.find("<testcase classname=\"scenarios\" name=\"ok-one\"") != std::string::npos);
    CHECK(xml.find("name=\"bad &lt;one&gt; &amp; &quot;two&quot;\"") != std::string::npos);
    CHECK(xml.find("<failure message=\"exclude hip_adduction_band: it is in the programme at position 2\"") !=
          std::string::npos);
    CHECK(xml.find("score 5 &amp; more &lt;x&gt;") != std::string::npos);
    CHECK(xml.find("<error message=") != std::string::npos);
}

TEST_CASE("report: coverage findings are listed plainly", "[scenarios]") {
    io::CoverageReport c;
    c.rules_never_fired = {"adductor.stretch_pain"};
    c.rules = 100;
    c.exercises = 58;
    c.conditions = 10;
    std::ostringstream out;
    io::write_coverage(out, c);
    CHECK(out.str().find("rules that never fired (1 of 100): adductor.stretch_pain") != std::string::npos);
    CHECK(out.str().find("conditions without a scenario (0 of 10): none") != std::string::npos);
}
