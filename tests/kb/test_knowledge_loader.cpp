// Tests of the knowledge loader and build validation: a good minimal knowledge base loads, and
// one broken case per KB code reports that code with the right file and JSON pointer.
#include <catch2/catch.hpp>

#include "io/load/knowledge_loader.hpp"
#include "kb_fixture.hpp"

using namespace rehab;
using rehab::test::find_code;
using rehab::test::KbFixture;
using rehab::test::load;
using rehab::test::Loaded;
using rehab::test::TempDir;

namespace {

// Asserts the load failed with `code` at `file` (relative to the folder) and `pointer`.
void expect_error(const Loaded& l, const std::string& code, const std::string& file,
                  const std::string& pointer) {
    INFO("diagnostics: " << l.diags.items().size());
    for (const auto& d : l.diags.items())
        INFO(d.code << " " << d.location.file << " " << d.location.pointer << ": " << d.message);
    CHECK(l.kg == nullptr);
    const auto* d = find_code(l.diags, code);
    REQUIRE(d != nullptr);
    CHECK(d->severity == Severity::error);
    CHECK(d->location.file == l.dir.file(file));
    CHECK(d->location.pointer == pointer);
}

}  // namespace

TEST_CASE("kb: the minimal knowledge base loads with only chain-end warnings", "[kb]") {
    KbFixture f;
    auto l = load(f);
    for (const auto& d : l->diags.items())
        INFO(d.code << " " << d.location.file << " " << d.location.pointer << ": " << d.message);
    REQUIRE(l->kg != nullptr);
    CHECK(l->diags.error_count() == 0);
    CHECK(l->kg->name() == "test-kb");
    CHECK(l->kg->version() == "1.2.3");
    CHECK(l->kg->exercise_count() == 5);
    CHECK(l->kg->content_hash().size() == 16);
    // Ids follow file order (sorted paths), then array order.
    CHECK(l->kg->exercises()[0].key == "ball_squeeze");
    CHECK(l->kg->exercises()[3].key == "bridge");
    const auto* w101 = find_code(l->diags, "KB101");
    REQUIRE(w101 != nullptr);
    CHECK(w101->severity == Severity::warning);
    CHECK(w101->location.file ==
          l->dir.file("exercises/adductor.json"));  // ball_squeeze: early and mid, no regression
    CHECK(w101->location.pointer == "/exercises/0");
    const auto* w102 = find_code(l->diags, "KB102");
    REQUIRE(w102 != nullptr);
    CHECK(w102->location.pointer == "/exercises/2");  // copenhagen ends its chain
    CHECK(l->diags.items().size() == 4);
}

TEST_CASE("kb: every field is read into the model", "[kb]") {
    KbFixture f;
    auto l = load(f);
    REQUIRE(l->kg);
    const auto& kg = *l->kg;
    const auto& e = kg.exercise(*kg.find_exercise("side_lying_adduction"));
    CHECK(e.in_stage(Stage::mid));
    CHECK_FALSE(e.in_stage(Stage::early));
    CHECK(kg.position(e.position).key == "side_lying");
    REQUIRE(e.dosage[1]);
    CHECK(e.dosage[1]->sets.min == 2);
    CHECK(e.dosage[1]->sets.max == 3);
    CHECK(e.dosage[1]->reps->max == 12);
    CHECK(e.dosage[1]->rest_s == 60);
    CHECK(e.dosage[1]->per_week == 3);
    CHECK(kg.band(e.dosage[1]->band).key == "red");
    REQUIRE(e.precautions.size() == 1);
    CHECK(e.precautions[0].stages == 0b010u);
    CHECK(e.performs[0].resistance == Resistance::band);
    CHECK(e.performs[0].contractions == 0b0110u);
    const auto& c = kg.condition(*kg.find_condition("adductor_related_groin_pain"));
    CHECK(c.pain_ceiling == 3);
    CHECK(kg.movement(c.key_movement).key == "hip_adduction");
    CHECK(kg.red_flags()[0].urgency == Urgency::emergency);
    CHECK(kg.bands()[1].force_lb == Approx(3.7));
    CHECK(kg.reference(*kg.band_reference()).key == "R-BAND");
}

TEST_CASE("kb: content hash is stable and follows the bytes", "[kb]") {
    KbFixture f;
    auto a = load(f), b = load(f);
    REQUIRE(a->kg);
    CHECK(a->kg->content_hash() == b->kg->content_hash());
    f.meta["meta"]["description"] = "changed";
    auto c = load(f);
    REQUIRE(c->kg);
    CHECK(c->kg->content_hash() != a->kg->content_hash());
}

TEST_CASE("kb: KB001 malformed JSON with line and column", "[kb]") {
    KbFixture f;
    auto l = std::make_unique<Loaded>();
    f.write(l->dir);
    l->dir.write("exercises/other.json", "{\n  \"exercises\": [\n    }\n");
    l->kg = io::load_knowledge(l->dir.str(), l->diags);
    expect_error(*l, "KB001", "exercises/other.json", "");
    const auto* d = find_code(l->diags, "KB001");
    CHECK(d->location.line == 3);
    CHECK(d->location.column == 5);
}

TEST_CASE("kb: KB002 wrong type", "[kb]") {
    KbFixture f;
    f.anatomy["movements"][1]["name"] = 5;
    expect_error(*load(f), "KB002", "anatomy.json", "/movements/1/name");
}

TEST_CASE("kb: KB003 missing required field", "[kb]") {
    KbFixture f;
    f.clinical["conditions"][0].erase("key_movement");
    expect_error(*load(f), "KB003", "clinical.json", "/conditions/0/key_movement");
}

TEST_CASE("kb: KB004 unknown field with a hint", "[kb]") {
    KbFixture f;
    f.adductor["exercises"][2]["stagez"] = {"mid"};
    auto l = load(f);
    expect_error(*l, "KB004", "exercises/adductor.json", "/exercises/2/stagez");
    CHECK(find_code(l->diags, "KB004")->hint == "did you mean 'stages'?");
}

TEST_CASE("kb: KB005 duplicate id", "[kb]") {
    KbFixture f;
    f.anatomy["muscles"].push_back({{"id", "gluteus_medius"}, {"name", "Again"}});
    auto l = load(f);
    expect_error(*l, "KB005", "anatomy.json", "/muscles/3/id");
    CHECK(find_code(l->diags, "KB005")->hint.find("/muscles/2") != std::string::npos);
}

TEST_CASE("kb: KB006 unknown reference with a did-you-mean hint", "[kb]") {
    KbFixture f;
    f.adductor["exercises"][0]["works"][0]["muscle"] = "adductor_longs";
    auto l = load(f);
    expect_error(*l, "KB006", "exercises/adductor.json", "/exercises/0/works/0/muscle");
    CHECK(find_code(l->diags, "KB006")->hint == "did you mean 'adductor_longus'?");
}

TEST_CASE("kb: KB006 unknown band in a dosage", "[kb]") {
    KbFixture f;
    f.adductor["exercises"][1]["dosage"]["mid"]["band"] = "purple";
    expect_error(*load(f), "KB006", "exercises/adductor.json", "/exercises/1/dosage/mid/band");
}

TEST_CASE("kb: KB006 unknown condition in a code", "[kb]") {
    KbFixture f;
    f.clinical["codes"][0]["condition"] = "groin_pain";
    expect_error(*load(f), "KB006", "clinical.json", "/codes/0/condition");
}

TEST_CASE("kb: KB007 value out of range", "[kb]") {
    KbFixture f;
    f.adductor["exercises"][0]["dosage"]["early"]["sets"] = {0, 2};
    expect_error(*load(f), "KB007", "exercises/adductor.json", "/exercises/0/dosage/early/sets/0");
}

TEST_CASE("kb: KB007 range with minimum above maximum", "[kb]") {
    KbFixture f;
    f.other["exercises"][0]["dosage"]["mid"]["reps"] = {15, 10};
    expect_error(*load(f), "KB007", "exercises/other.json", "/exercises/0/dosage/mid/reps");
}

TEST_CASE("kb: KB007 value not in the enumeration", "[kb]") {
    KbFixture f;
    f.references["references"][1]["grade"] = "opinion";
    expect_error(*load(f), "KB007", "references.json", "/references/1/grade");
}

TEST_CASE("kb: KB007 other ranges (per_week - pain ceiling - force - version)", "[kb]") {
    SECTION("per_week") {
        KbFixture f;
        f.other["exercises"][1]["dosage"]["mid"]["per_week"] = 15;
        expect_error(*load(f), "KB007", "exercises/other.json", "/exercises/1/dosage/mid/per_week");
    }
    SECTION("pain_ceiling") {
        KbFixture f;
        f.clinical["conditions"][0]["pain_ceiling"] = 11;
        expect_error(*load(f), "KB007", "clinical.json", "/conditions/0/pain_ceiling");
    }
    SECTION("force_lb") {
        KbFixture f;
        f.setup["bands"][0]["force_lb"] = 0;
        expect_error(*load(f), "KB007", "setup.json", "/bands/0/force_lb");
    }
    SECTION("version") {
        KbFixture f;
        f.meta["meta"]["version"] = "one";
        expect_error(*load(f), "KB007", "meta.json", "/meta/version");
    }
}

TEST_CASE("kb: KB008 cycle in the progression chains", "[kb]") {
    KbFixture f;
    f.adductor["exercises"][2]["progresses_to"] = {"ball_squeeze"};
    auto l = load(f);
    expect_error(*l, "KB008", "exercises/adductor.json", "/exercises/2/progresses_to/0");
    CHECK(find_code(l->diags, "KB008")->message ==
          "progression cycle: ball_squeeze -> side_lying_adduction -> copenhagen -> ball_squeeze");
}

TEST_CASE("kb: KB009 exercise with no movement", "[kb]") {
    KbFixture f;
    f.other["exercises"][1]["performs"] = nlohmann::json::array();
    f.anatomy["muscles"][2]["actions"] = {"hip_abduction"};
    expect_error(*load(f), "KB009", "exercises/other.json", "/exercises/1/performs");
}

TEST_CASE("kb: KB010 exercise with no muscle", "[kb]") {
    KbFixture f;
    f.adductor["exercises"][0].erase("works");
    expect_error(*load(f), "KB010", "exercises/adductor.json", "/exercises/0/works");
}

TEST_CASE("kb: KB011 orphan entities", "[kb]") {
    SECTION("muscle") {
        KbFixture f;
        f.anatomy["muscles"].push_back({{"id", "psoas"}, {"name", "Psoas"}});
        expect_error(*load(f), "KB011", "anatomy.json", "/muscles/3");
    }
    SECTION("reference") {
        KbFixture f;
        f.references["references"].push_back({{"id", "R-UNUSED"}, {"citation", "x"}, {"grade", "check"}});
        expect_error(*load(f), "KB011", "references.json", "/references/3");
    }
    SECTION("equipment") {
        KbFixture f;
        f.setup["equipment"].push_back({{"id", "bike"}, {"name", "Bike"}});
        expect_error(*load(f), "KB011", "setup.json", "/equipment/2");
    }
    SECTION("position") {
        KbFixture f;
        f.setup["positions"].push_back({{"id", "prone"}, {"name", "Prone"}});
        expect_error(*load(f), "KB011", "setup.json", "/positions/3");
    }
    SECTION("movement") {
        KbFixture f;
        f.anatomy["movements"].push_back({{"id", "hip_flexion"}, {"name", "Hip flexion"}, {"region", "hip"}});
        expect_error(*load(f), "KB011", "anatomy.json", "/movements/3");
    }
}

TEST_CASE("kb: KB012 dosage missing for a stage", "[kb]") {
    KbFixture f;
    f.adductor["exercises"][0]["dosage"].erase("mid");
    expect_error(*load(f), "KB012", "exercises/adductor.json", "/exercises/0/dosage");
}

TEST_CASE("kb: KB013 bad id syntax", "[kb]") {
    KbFixture f;
    f.setup["positions"][2]["id"] = "Standing-Up";
    f.other["exercises"][1]["position"] = "Standing-Up";
    expect_error(*load(f), "KB013", "setup.json", "/positions/2/id");
}

TEST_CASE("kb: KB013 bad reference id syntax", "[kb]") {
    KbFixture f;
    f.references["references"][2]["id"] = "band-ref";
    f.setup["band_reference"] = "band-ref";
    expect_error(*load(f), "KB013", "references.json", "/references/2/id");
}

TEST_CASE("kb: KB014 missing folder", "[kb]") {
    Diagnostics d;
    auto kg = io::load_knowledge(std::string(REHAB_TEST_WORK_DIR) + "/no-such-folder", d);
    CHECK(kg == nullptr);
    REQUIRE(find_code(d, "KB014"));
    CHECK(find_code(d, "KB014")->location.file == std::string(REHAB_TEST_WORK_DIR) + "/no-such-folder");
}

TEST_CASE("kb: all problems are reported at once", "[kb]") {
    KbFixture f;
    f.anatomy["movements"][1]["name"] = 5;
    f.adductor["exercises"][0]["works"][0]["muscle"] = "adductor_longs";
    f.adductor["exercises"][0]["dosage"].erase("mid");
    auto l = load(f);
    CHECK(l->kg == nullptr);
    CHECK(find_code(l->diags, "KB002"));
    CHECK(find_code(l->diags, "KB006"));
    CHECK(find_code(l->diags, "KB012"));
}
