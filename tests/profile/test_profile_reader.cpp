// Tests of the patient profile reader against the bundled knowledge: a full profile parses with every
// field, and each class of bad input reports its code (PR001-PR008) at the right JSON pointer, all at once.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../support/bundled.hpp"
#include "io/load/knowledge_loader.hpp"
#include "io/load/profile_reader.hpp"

using namespace rehab;
using nlohmann::json;

namespace {

const KnowledgeGraph& kg() { return *rehab::test::bundled_kg(); }

json good_profile() {
    return json::parse(R"({
      "id": "p-001",
      "age": 27, "sex": "male", "activity": ["kicking", "running"],
      "condition": "adductor_related_groin_pain",
      "side": "left", "days_since_onset": 21, "stage": "mid",
      "red_flags": [],
      "pain": { "rest": 0, "walking": 2, "resisted": { "hip_adduction": 4 }, "stretch": { "hip_abduction": 2 },
                "lasts_next_day": false },
      "capabilities": { "weight_bearing": "full", "single_leg_stance_s": 25, "positions": { "prone": false },
                        "squeeze_ratio": 0.7 },
      "equipment": ["resistance_band", "ball", "step"],
      "therapist_present": false,
      "on_pain_medication": false,
      "history": {
        "previous_stage": "mid", "usual_pain": 1,
        "programme": [ { "exercise": "bridge", "sets": 3, "reps": 10 },
                       { "exercise": "hip_abduction_band", "sets": 3, "reps": 12, "band": "red" } ],
        "sessions": [ { "day": 1, "exercises": [ { "exercise": "bridge", "sets": 3, "reps": 10, "pain_during": 2,
                        "pain_next_morning": 1, "rpe": 6, "form_kept": true } ] } ]
      }
    })");
}

struct Result {
    Diagnostics d;
    std::optional<Profile> profile;
};

Result read(const json& doc) {
    Result r;
    r.profile = io::read_profile(doc, kg(), "p.json", r.d);
    return r;
}

std::string dump(const Diagnostics& d) {
    std::ostringstream out;
    for (const auto& x : d.items())
        out << x.code << " " << x.location.pointer << " " << x.location.line << ":" << x.location.column
            << " " << x.message << " | " << x.hint << "\n";
    return out.str();
}

// The diagnostic with `code` at `pointer` (failing the test when absent).
const Diagnostic& expect(const Result& r, const std::string& code, const std::string& pointer) {
    INFO(dump(r.d));
    CHECK_FALSE(r.profile.has_value());
    for (const auto& x : r.d.items())
        if (x.code == code && x.location.pointer == pointer) {
            CHECK(x.severity == Severity::error);
            CHECK(x.location.file == "p.json");
            return x;
        }
    FAIL("no " << code << " at " << pointer);
    throw std::logic_error("unreachable");
}

// good_profile() with one JSON-pointer path set to `value`.
Result read_with(const std::string& pointer, const json& value) {
    json doc = good_profile();
    doc[json::json_pointer(pointer)] = value;
    return read(doc);
}

std::string condition_key(const Profile& p) { return kg().condition(p.condition).key; }

}  // namespace

TEST_CASE("a full profile parses with every field", "[profile]") {
    auto r = read(good_profile());
    INFO(dump(r.d));
    REQUIRE(r.profile);
    CHECK(r.d.empty());
    const Profile& p = *r.profile;
    CHECK(p.id == "p-001");
    CHECK(p.age == 27);
    CHECK(p.sex == "male");
    CHECK(p.activity == std::vector<std::string>{"kicking", "running"});
    CHECK(condition_key(p) == "adductor_related_groin_pain");
    CHECK(p.side == Side::left);
    CHECK(p.days_since_onset == 21);
    CHECK(p.stage == Stage::mid);
    CHECK(p.red_flags.empty());
    CHECK(p.pain.rest == 0);
    CHECK(p.pain.walking == 2);
    REQUIRE(p.pain.resisted.size() == 1);
    CHECK(kg().movement(p.pain.resisted[0].first).key == "hip_adduction");
    CHECK(p.pain.resisted[0].second == 4);
    REQUIRE(p.pain.stretch.size() == 1);
    CHECK(kg().movement(p.pain.stretch[0].first).key == "hip_abduction");
    CHECK(p.pain.lasts_next_day == false);
    CHECK(p.weight_bearing == WeightBearing::full);
    CHECK(p.single_leg_stance_s == 25);
    REQUIRE(p.positions.size() == 1);
    CHECK(kg().position(p.positions[0].first).key == "prone");
    CHECK(p.positions[0].second == false);
    CHECK(p.squeeze_ratio == Approx(0.7));
    REQUIRE(p.equipment.size() == 3);
    CHECK(kg().equipment(p.equipment[0]).key == "resistance_band");
    CHECK(kg().equipment(p.equipment[2]).key == "step");
    CHECK_FALSE(p.therapist_present);
    CHECK(p.on_pain_medication == false);
    const History& h = p.history;
    CHECK(h.previous_stage == Stage::mid);
    CHECK(h.usual_pain == 1);
    REQUIRE(h.programme.size() == 2);
    CHECK(kg().exercise(h.programme[1].exercise).key == "hip_abduction_band");
    CHECK(h.programme[1].sets == 3);
    CHECK(h.programme[1].reps == 12);
    CHECK_FALSE(h.programme[1].hold_s);
    REQUIRE(h.programme[1].band);
    CHECK(kg().band(*h.programme[1].band).key == "red");
    REQUIRE(h.sessions.size() == 1);
    CHECK(h.sessions[0].day == 1);
    REQUIRE(h.sessions[0].exercises.size() == 1);
    const LoggedExercise& e = h.sessions[0].exercises[0];
    CHECK(kg().exercise(e.exercise).key == "bridge");
    CHECK(e.sets == 3);
    CHECK(e.reps == 10);
    CHECK(e.pain_during == 2);
    CHECK(e.pain_next_morning == 1);
    CHECK(e.rpe == 6);
    CHECK(e.form_kept == true);
}

TEST_CASE("a minimal profile needs only condition - side and age", "[profile]") {
    auto r = read(json{{"condition", "hamstring_strain"}, {"side", "right"}, {"age", 31.5}});
    INFO(dump(r.d));
    REQUIRE(r.profile);
    CHECK(r.profile->age == 31.5);
    CHECK(r.profile->side == Side::right);
    CHECK_FALSE(r.profile->stage);
    CHECK_FALSE(r.profile->weight_bearing);
    CHECK(r.profile->history.empty());
    CHECK_FALSE(r.profile->therapist_present);
}

TEST_CASE("missing required fields are each reported", "[profile]") {
    auto r = read(json::object());
    expect(r, "PR003", "/condition");
    expect(r, "PR003", "/side");
    expect(r, "PR003", "/age");
}

TEST_CASE("malformed JSON reports PR001 with line and column", "[profile]") {
    Diagnostics d;
    auto p = io::parse_profile_text("{\n  \"age\": 27,\n  \"side\": left\n}", kg(), "bad.json", d);
    CHECK_FALSE(p);
    REQUIRE(d.items().size() == 1);
    const auto& x = d.items()[0];
    CHECK(x.code == "PR001");
    CHECK(x.location.file == "bad.json");
    CHECK(x.location.line == 3);
    CHECK(x.location.column == 11);
}

TEST_CASE("parse_profile_text reads a good profile", "[profile]") {
    Diagnostics d;
    auto p = io::parse_profile_text(good_profile().dump(2), kg(), "good.json", d);
    INFO(dump(d));
    REQUIRE(p);
    CHECK(p->id == "p-001");
}

TEST_CASE("an unknown field is reported with the nearest field", "[profile]") {
    json doc = good_profile();
    doc["days_since_onest"] = 4;
    doc["pain"]["walkng"] = 1;
    auto r = read(doc);
    CHECK(expect(r, "PR004", "/days_since_onest").hint == "did you mean 'days_since_onset'?");
    CHECK(expect(r, "PR004", "/pain/walkng").hint == "did you mean 'walking'?");
}

TEST_CASE("an unknown condition id is reported with the nearest id", "[profile]") {
    auto r = read_with("/condition", "adductor_related_groin_pian");
    const auto& x = expect(r, "PR005", "/condition");
    CHECK(x.hint == "did you mean 'adductor_related_groin_pain'?");
    CHECK(x.message.find("adductor_related_groin_pian") != std::string::npos);
}

TEST_CASE("condition codes resolve through the alias table", "[profile]") {
    auto code = GENERATE(as<std::string>{}, "S76.2", "icd10:S76.2", "S76.211A", "icd10cm:S76.212D", "s76.21-",
                         "S76.21");
    auto r = read_with("/condition", code);
    INFO(code << "\n" << dump(r.d));
    REQUIRE(r.profile);
    CHECK(condition_key(*r.profile) == "adductor_related_groin_pain");
    CHECK(r.d.empty());
}

TEST_CASE("other codes map to their condition", "[profile]") {
    using P = std::pair<std::string, std::string>;
    auto [code, condition] =
        GENERATE(P{"snomed:7674000", "gluteal_tendinopathy"}, P{"7674000", "gluteal_tendinopathy"},
                 P{"M76.01", "gluteal_tendinopathy"}, P{"SNOMED:481000119104", "hamstring_strain"},
                 P{"S76.011A", "hip_flexor_strain"}, P{"S39.011A", "inguinal_related_groin_pain"},
                 P{"M22.2X1", "patellofemoral_pain"});
    auto r = read_with("/condition", code);
    INFO(code << "\n" << dump(r.d));
    REQUIRE(r.profile);
    CHECK(condition_key(*r.profile) == condition);
}

TEST_CASE("codes that are not in the table - or in another system - are unknown", "[profile]") {
    auto code = GENERATE(as<std::string>{}, "S76.29", "snomed:S76.2", "icd10:7674000", "S76.2X", "foo:S76.2");
    auto r = read_with("/condition", code);
    INFO(code);
    expect(r, "PR005", "/condition");
}

TEST_CASE("a code mapping to several conditions is refused as ambiguous", "[profile]") {
    Diagnostics kd;
    auto data = io::read_knowledge_dir(REHAB_SOURCE_DIR "/knowledge", kd);
    data.codes.push_back({"icd10", "S76.0", "iliopsoas_related_groin_pain", "exact", "test: ambiguous", {}});
    auto graph = KnowledgeGraph::build(data, kd);
    INFO(dump(kd));
    REQUIRE(graph);
    json doc = good_profile();
    doc["condition"] = "S76.0";
    Result r;
    r.profile = io::read_profile(doc, *graph, "p.json", r.d);
    const auto& x = expect(r, "PR006", "/condition");
    CHECK(x.message.find("hip_flexor_strain") != std::string::npos);
    CHECK(x.message.find("iliopsoas_related_groin_pain") != std::string::npos);
}

TEST_CASE("wrong types are reported as PR002", "[profile]") {
    using P = std::pair<std::string, json>;
    auto [pointer, value] =
        GENERATE(P{"/age", "27"}, P{"/condition", 7}, P{"/activity", "running"}, P{"/activity/0", 3},
                 P{"/pain", json::array()}, P{"/pain/rest", "none"}, P{"/pain/resisted/hip_adduction", true},
                 P{"/capabilities/positions/prone", "no"}, P{"/therapist_present", 1},
                 P{"/history/programme/0/sets", 2.5}, P{"/history/sessions", json::object()},
                 P{"/history/programme/1", "bridge"});
    auto r = read_with(pointer, value);
    INFO(pointer);
    expect(r, "PR002", pointer);
}

TEST_CASE("a document that is not an object is PR002", "[profile]") {
    auto r = read(json::array());
    expect(r, "PR002", "");
}

TEST_CASE("pain above 10 is out of range", "[profile]") {
    auto r = read_with("/pain/resisted/hip_adduction", 11);
    const auto& x = expect(r, "PR007", "/pain/resisted/hip_adduction");
    CHECK(x.message == "pain must be 0-10 on the numeric rating scale, found 11");
}

TEST_CASE("negative days since onset are out of range", "[profile]") {
    auto r = read_with("/days_since_onset", -3);
    CHECK(expect(r, "PR007", "/days_since_onset").message.find("found -3") != std::string::npos);
}

TEST_CASE("age 400 is out of range", "[profile]") {
    auto r = read_with("/age", 400);
    CHECK(expect(r, "PR007", "/age").message == "age must be 0-120 years, found 400");
}

TEST_CASE("other ranges and enumerations are PR007", "[profile]") {
    using P = std::pair<std::string, json>;
    auto [pointer, value] =
        GENERATE(P{"/sex", "unknown"}, P{"/side", "middle"}, P{"/stage", "final"},
                 P{"/capabilities/weight_bearing", "some"}, P{"/capabilities/squeeze_ratio", 3},
                 P{"/capabilities/single_leg_stance_s", 601}, P{"/history/usual_pain", 12},
                 P{"/history/previous_stage", "middle"}, P{"/history/programme/0/sets", 0},
                 P{"/history/programme/0/reps", 500}, P{"/history/sessions/0/day", -1},
                 P{"/history/sessions/0/exercises/0/rpe", 11});
    auto r = read_with(pointer, value);
    INFO(pointer);
    expect(r, "PR007", pointer);
}

TEST_CASE("an unknown movement in pain.resisted is PR005 with the nearest movement", "[profile]") {
    json doc = good_profile();
    doc["pain"]["resisted"]["hip_adductin"] = 3;
    auto r = read(doc);
    CHECK(expect(r, "PR005", "/pain/resisted/hip_adductin").hint == "did you mean 'hip_adduction'?");
}

TEST_CASE("an unknown position is PR005", "[profile]") {
    json doc = good_profile();
    doc["capabilities"]["positions"]["side_laying"] = false;
    auto r = read(doc);
    CHECK(expect(r, "PR005", "/capabilities/positions/side_laying").hint == "did you mean 'side_lying'?");
}

TEST_CASE("unknown equipment is PR005", "[profile]") {
    auto r = read_with("/equipment/1", "bal");
    CHECK(expect(r, "PR005", "/equipment/1").hint == "did you mean 'ball'?");
}

TEST_CASE("an unknown red flag is PR005", "[profile]") {
    auto r = read_with("/red_flags", json::array({"fevers"}));
    CHECK(expect(r, "PR005", "/red_flags/0").hint == "did you mean 'fever'?");
}

TEST_CASE("unknown activity - exercise and band are PR005", "[profile]") {
    using P = std::pair<std::string, json>;
    auto [pointer, value] =
        GENERATE(P{"/activity/0", "kiking"}, P{"/history/programme/0/exercise", "bridges"},
                 P{"/history/programme/1/band", "purple"});
    auto r = read_with(pointer, value);
    INFO(pointer);
    expect(r, "PR005", pointer);
}

TEST_CASE("a known red flag is read", "[profile]") {
    auto r = read_with("/red_flags", json::array({"fever", "night_pain"}));
    REQUIRE(r.profile);
    REQUIRE(r.profile->red_flags.size() == 2);
    CHECK(kg().red_flag(r.profile->red_flags[1]).key == "night_pain");
}

TEST_CASE("history inconsistencies are PR008", "[profile]") {
    SECTION("pain logged without sets and reps") {
        json doc = good_profile();
        auto& logged = doc["history"]["sessions"][0]["exercises"][0];
        logged.erase("sets");
        logged.erase("reps");
        expect(read(doc), "PR008", "/history/sessions/0/exercises/0");
    }
    SECTION("a logged exercise that is not in the programme") {
        auto r = read_with("/history/sessions/0/exercises/0/exercise", "clamshell");
        expect(r, "PR008", "/history/sessions/0/exercises/0/exercise");
    }
    SECTION("sessions out of day order") {
        json doc = good_profile();
        json later = doc["history"]["sessions"][0];
        later["day"] = 5;
        doc["history"]["sessions"] = json::array({later, doc["history"]["sessions"][0]});
        auto r = read(doc);
        CHECK(expect(r, "PR008", "/history/sessions/1/day").message.find("day 1 after day 5") !=
              std::string::npos);
    }
    SECTION("an exercise listed twice in the programme") {
        auto r = read_with("/history/programme/1", json{{"exercise", "bridge"}, {"sets", 2}, {"reps", 10}});
        expect(r, "PR008", "/history/programme/1/exercise");
    }
    SECTION("a duplicate equipment item") {
        auto r = read_with("/equipment/2", "ball");
        expect(r, "PR008", "/equipment/2");
    }
    SECTION("sessions without a programme") {
        json doc = good_profile();
        doc["history"].erase("programme");
        expect(read(doc), "PR008", "/history/sessions");
    }
    SECTION("a band for an exercise that uses none") {
        auto r = read_with("/history/programme/0/band", "red");
        expect(r, "PR008", "/history/programme/0/band");
    }
}

TEST_CASE("several errors are all reported at once", "[profile]") {
    json doc = good_profile();
    doc["age"] = 400;
    doc["condition"] = "adductor_groin_pain";
    doc["pain"]["rest"] = 11;
    doc["pain"]["resisted"]["hip_adductin"] = 2;
    doc["equipment"].push_back("foam_roler");
    doc["colour"] = "red";
    doc["history"]["sessions"][0]["exercises"][0]["exercise"] = "clamshell";
    auto r = read(doc);
    expect(r, "PR007", "/age");
    CHECK(expect(r, "PR005", "/condition").hint == "did you mean 'adductor_related_groin_pain'?");
    expect(r, "PR007", "/pain/rest");
    expect(r, "PR005", "/pain/resisted/hip_adductin");
    expect(r, "PR005", "/equipment/3");
    expect(r, "PR004", "/colour");
    expect(r, "PR008", "/history/sessions/0/exercises/0/exercise");
    CHECK(r.d.error_count() == 7);
}

TEST_CASE("the pointer prefix locates an embedded profile", "[profile]") {
    json doc = good_profile();
    doc["pain"]["rest"] = -1;
    Diagnostics d;
    auto p = io::read_profile(doc, kg(), "scenario.json", d, "/cases/2/profile");
    CHECK_FALSE(p);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].location.pointer == "/cases/2/profile/pain/rest");
}

TEST_CASE("every example profile parses", "[profile]") {
    namespace fs = std::filesystem;
    int count = 0;
    for (const auto& entry : fs::directory_iterator(REHAB_SOURCE_DIR "/examples/profiles")) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        Diagnostics d;
        auto p = io::parse_profile_text(text.str(), kg(), entry.path().string(), d);
        INFO(entry.path().filename().string() << "\n" << dump(d));
        CHECK(p);
        CHECK(d.empty());
        ++count;
    }
    CHECK(count >= 13);
}

TEST_CASE("a whole word beats a near spelling - and with nothing close the valid values are listed",
          "[profile]") {
    auto band = read_with("/equipment/1", "band");
    CHECK(expect(band, "PR005", "/equipment/1").hint == "did you mean 'resistance_band'?");  // not 'ball'
    auto foam = read_with("/equipment/1", "foam_roller");
    const std::string hint = expect(foam, "PR005", "/equipment/1").hint;
    CHECK(hint.rfind("valid values: ", 0) == 0);
    CHECK(hint.find("resistance_band") != std::string::npos);
    CHECK(hint.find("wobble_board") != std::string::npos);
}
