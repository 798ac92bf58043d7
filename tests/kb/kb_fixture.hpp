// A small but complete knowledge base as JSON values, for the knowledge tests: tests mutate one
// field to break it, write the files into a TempDir and load the folder. Exercise chains:
// ball_squeeze -> side_lying_adduction -> copenhagen, and bridge -> standing_abduction.
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/temp_dir.hpp"
#include "core/base/diagnostic.hpp"
#include "io/load/knowledge_loader.hpp"

namespace rehab::test {

inline nlohmann::json dose(int sets_min, int sets_max, int reps_min, int reps_max) {
    return {{"sets", {sets_min, sets_max}},
            {"reps", {reps_min, reps_max}},
            {"tempo", "2-0-2"},
            {"rest_s", 60},
            {"per_week", 3}};
}

inline nlohmann::json exercise(const std::string& id, nlohmann::json stages, const std::string& position,
                               nlohmann::json performs, nlohmann::json works) {
    nlohmann::json dosage = nlohmann::json::object();
    for (const auto& s : stages) dosage[s.get<std::string>()] = dose(2, 3, 8, 12);
    return {{"id", id},
            {"name", id + " name"},
            {"source", "project"},
            {"stages", stages},
            {"component", "strength"},
            {"position", position},
            {"stance", "none"},
            {"performs", performs},
            {"works", works},
            {"dosage", dosage},
            {"purpose", "Purpose of " + id + "."},
            {"instructions", {"Step one of " + id + ".", "Step two."}},
            {"references", {"R-ONE"}}};
}

struct KbFixture {
    nlohmann::json meta = {{"meta", {{"name", "test-kb"}, {"version", "1.2.3"}, {"description", "fixture"}}}};
    nlohmann::json references = {
        {"references",
         {{{"id", "R-ONE"}, {"citation", "One A. Trial. 2020."}, {"grade", "trial"}},
          {{"id", "R-TWO"}, {"citation", "Two B. Practice. 2019."}, {"grade", "practice"}},
          {{"id", "R-BAND"}, {"citation", "Band maker. Forces."}, {"grade", "check"}}}}};
    nlohmann::json anatomy = {{"movements",
                               {{{"id", "hip_adduction"},
                                 {"name", "Hip adduction"},
                                 {"region", "hip"},
                                 {"description", "Leg inwards."}},
                                {{"id", "hip_extension"}, {"name", "Hip extension"}, {"region", "hip"}},
                                {{"id", "hip_abduction"}, {"name", "Hip abduction"}, {"region", "hip"}}}},
                              {"muscles",
                               {{{"id", "adductor_longus"},
                                 {"name", "Adductor longus"},
                                 {"group", "adductors"},
                                 {"actions", {"hip_adduction"}},
                                 {"references", {"R-ONE"}}},
                                {{"id", "gluteus_maximus"},
                                 {"name", "Gluteus maximus"},
                                 {"group", "gluteals"},
                                 {"actions", {"hip_extension"}}},
                                {{"id", "gluteus_medius"},
                                 {"name", "Gluteus medius"},
                                 {"group", "gluteals"},
                                 {"actions", {"hip_abduction"}}}}}};
    nlohmann::json setup = {
        {"equipment", {{{"id", "mat"}, {"name", "Mat"}}, {{"id", "ball"}, {"name", "Soft ball"}}}},
        {"positions",
         {{{"id", "supine"}, {"name", "Lying on the back"}},
          {{"id", "side_lying"}, {"name", "Lying on the side"}},
          {{"id", "standing"}, {"name", "Standing"}}}},
        {"bands",
         {{{"id", "yellow"}, {"name", "Yellow"}, {"force_lb", 3.0}},
          {{"id", "red"}, {"name", "Red"}, {"force_lb", 3.7}}}},
        {"band_reference", "R-BAND"}};
    nlohmann::json clinical = {
        {"conditions",
         {{{"id", "adductor_related_groin_pain"},
           {"name", "Adductor-related groin pain"},
           {"definition", "Pain at the adductors."},
           {"involves", {"adductor_longus"}},
           {"provoked_by", {{{"movement", "hip_adduction"}, {"contractions", {"eccentric", "isometric"}}}}},
           {"key_movement", "hip_adduction"},
           {"pain_ceiling", 3},
           {"references", {"R-ONE"}}}}},
        {"red_flags",
         {{{"id", "fracture"},
           {"name", "Fracture"},
           {"concern", "A broken bone."},
           {"urgency", "emergency"},
           {"advice", "Go to the emergency department."},
           {"references", {"R-TWO"}}}}},
        {"codes",
         {{{"system", "icd10"},
           {"code", "S76.2"},
           {"condition", "adductor_related_groin_pain"},
           {"match", "exact"}}}},
        {"ladders",
         {{{"id", "adductor"},
           {"name", "Adductor ladder"},
           {"references", {"R-ONE"}},
           {"rungs",
            {{{"name", "squeeze"}, {"exercises", {"ball_squeeze"}}},
             {{"name", "side-lying"}, {"exercises", {"side_lying_adduction"}}},
             {{"name", "Copenhagen"}, {"exercises", {"copenhagen"}}}}}},
          {{"id", "hip"},
           {"name", "Hip ladder"},
           {"references", {"R-TWO"}},
           {"rungs",
            {{{"name", "bridge"}, {"exercises", {"bridge"}}},
             {{"name", "standing"}, {"exercises", {"standing_abduction"}}}}}}}}};
    nlohmann::json adductor = {{"exercises", nlohmann::json::array()}};
    nlohmann::json other = {{"exercises", nlohmann::json::array()}};

    KbFixture() {
        using nlohmann::json;
        json add_iso = {
            {{"movement", "hip_adduction"}, {"contractions", {"isometric"}}, {"resistance", "body_weight"}}};
        json add_ecc = {{{"movement", "hip_adduction"},
                         {"contractions", {"concentric", "eccentric"}},
                         {"resistance", "band"}}};
        json longus = {{{"muscle", "adductor_longus"}, {"role", "primary"}}};
        auto& a = adductor["exercises"];
        a.push_back(exercise("ball_squeeze", {"early", "mid"}, "supine", add_iso, longus));
        a[0]["equipment"] = {"ball"};
        a[0]["progresses_to"] = {"side_lying_adduction"};
        a.push_back(exercise("side_lying_adduction", {"mid"}, "side_lying", add_ecc,
                             {{{"muscle", "adductor_longus"}, {"role", "primary"}},
                              {{"muscle", "gluteus_medius"}, {"role", "secondary"}}}));
        a[1]["progresses_to"] = {"copenhagen"};
        a[1]["lies_on"] = "working_side";
        a[1]["dosage"]["mid"]["band"] = "red";
        a[1]["precautions"] = {{{"condition", "adductor_related_groin_pain"},
                                {"kind", "precaution"},
                                {"stages", {"mid"}},
                                {"reason", "Keep pain at or under 3/10."},
                                {"references", {"R-TWO"}}}};
        a.push_back(exercise("copenhagen", {"mid", "late"}, "side_lying", add_ecc, longus));
        a[2]["equipment"] = {"mat"};
        a[2]["lies_on"] = "other_side";
        a[2]["precautions"] = {{{"condition", "adductor_related_groin_pain"},
                                {"kind", "contraindication"},
                                {"reason", "Too hard while pain is high."}}};
        auto& o = other["exercises"];
        o.push_back(exercise("bridge", {"early", "mid"}, "supine",
                             {{{"movement", "hip_extension"},
                               {"contractions", {"concentric", "isometric"}},
                               {"resistance", "body_weight"}}},
                             {{{"muscle", "gluteus_maximus"}, {"role", "primary"}}}));
        o[0]["equipment"] = {"mat"};
        o[0]["progresses_to"] = {"standing_abduction"};
        o.push_back(exercise(
            "standing_abduction", {"mid"}, "standing",
            {{{"movement", "hip_abduction"}, {"contractions", {"concentric"}}, {"resistance", "band"}}},
            {{{"muscle", "gluteus_medius"}, {"role", "primary"}}}));
    }

    // Writes every file into dir (file names as the tests expect them).
    void write(const TempDir& dir) const {
        dir.write("meta.json", meta.dump(2));
        dir.write("references.json", references.dump(2));
        dir.write("anatomy.json", anatomy.dump(2));
        dir.write("setup.json", setup.dump(2));
        dir.write("clinical.json", clinical.dump(2));
        dir.write("exercises/adductor.json", adductor.dump(2));
        dir.write("exercises/other.json", other.dump(2));
    }
};

// A fixture written into its own folder and loaded: the graph (null when it failed) and every diagnostic.
struct Loaded {
    TempDir dir{"kb"};
    Diagnostics diags;
    std::shared_ptr<const KnowledgeGraph> kg;
};

inline std::unique_ptr<Loaded> load(const KbFixture& f) {
    auto out = std::make_unique<Loaded>();
    f.write(out->dir);
    out->kg = io::load_knowledge(out->dir.str(), out->diags);
    return out;
}

// The first diagnostic with `code`, or nullptr.
inline const Diagnostic* find_code(const Diagnostics& d, const std::string& code) {
    for (const auto& item : d.items())
        if (item.code == code) return &item;
    return nullptr;
}

}  // namespace rehab::test
