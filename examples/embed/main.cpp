// Embedding rehab in a host application: load the knowledge and rules once, then recommend for many
// patients from several threads, reading the programme and its reasons as values (no files written,
// no logging). Usage: rehab_embed_example KNOWLEDGE_DIR RULES_DIR
#include <iostream>
#include <rehab/rehab.hpp>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: " << argv[0] << " KNOWLEDGE_DIR RULES_DIR\n";
        return 64;
    }
    rehab::Diagnostics diags;
    std::shared_ptr<const rehab::Recommender> engine = rehab::io::load_recommender(argv[1], argv[2], diags);
    if (!engine) {
        for (const auto& d : diags.items())
            std::cerr << d.location.file << " " << d.location.pointer << ": " << d.message << "\n";
        return 2;
    }
    std::cout << rehab::version_text(rehab::data_versions(*engine)) << "\n";
    const rehab::KnowledgeGraph& kg = engine->knowledge();

    // A host builds profiles from its own records; ids are resolved once, by name, here.
    auto make_profile = [&](const char* condition, double resisted_adduction) {
        rehab::Profile p;
        p.id = condition;
        p.age = 28;
        p.condition = *kg.find_condition(condition);
        p.side = rehab::Side::left;
        p.days_since_onset = 30;
        p.pain.rest = 0;
        p.pain.walking = 1;
        p.pain.resisted.push_back({*kg.find_movement("hip_adduction"), resisted_adduction});
        p.pain.resisted.push_back({*kg.find_movement("hip_flexion"), 2});
        p.weight_bearing = rehab::WeightBearing::full;
        p.single_leg_stance_s = 20;
        for (const char* e : {"resistance_band", "ball", "step", "mat", "bench"})
            p.equipment.push_back(*kg.find_equipment(e));
        return p;
    };
    std::vector<rehab::Profile> patients = {
        make_profile("adductor_related_groin_pain", 2), make_profile("adductor_related_groin_pain", 6),
        make_profile("iliopsoas_related_groin_pain", 1), make_profile("hip_related_groin_pain", 1)};
    for (const auto& p : patients) {  // values built in code are checked as a profile file is
        rehab::Diagnostics problems;
        if (!rehab::check_profile(p, kg, problems, p.id)) {
            for (const auto& d : problems.items())
                std::cerr << d.location.pointer << ": " << d.message << "\n";
            return 2;
        }
    }
    std::vector<rehab::Recommendation> results(patients.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < patients.size(); ++i)  // the engine is immutable and shared
        threads.emplace_back([&, i] { engine->recommend(patients[i], results[i], true); });
    for (auto& t : threads) t.join();

    for (std::size_t i = 0; i < patients.size(); ++i) {
        const auto& rec = results[i];
        std::cout << patients[i].id << ": stage " << rehab::to_string(rec.stage) << ", " << rec.items.size()
                  << " exercises, " << rec.excluded.size() << " excluded\n";
        for (const auto& item : rec.items) {
            std::cout << "  " << kg.exercise(item.exercise).name << " (" << item.dose.sets << " sets)";
            for (const auto& why : item.selected_by)
                std::cout << " [" << engine->rules().rule(why.rule).id << "]";
            std::cout << "\n";
        }
        if (rec.items.empty() && !rec.referred()) return 1;
    }
    return 0;
}
