// Generators for the benchmarks. The workload follows the published recipe exactly (64-bit integer
// LCG); synthetic knowledge bases clone the bundled exercises (new ids, progression chains between
// clones) and add rules of every selection kind, so the bundled clinical rules still apply.
#include "synthetic.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;

namespace rehab::bench {

std::string source_dir() { return REHAB_SOURCE_DIR; }

namespace {

// s = (s * 1103515245 + 12345) mod 2^31; floor(k * s / 2^31) computed exactly in integers.
class Lcg {
public:
    explicit Lcg(std::uint64_t seed) : s_(seed) {}
    int below(int k) {
        s_ = (s_ * 1103515245ULL + 12345ULL) % (1ULL << 31);
        return static_cast<int>((static_cast<std::uint64_t>(k) * s_) >> 31);
    }

private:
    std::uint64_t s_;
};

json read_json(const fs::path& p) {
    std::ifstream in(p);
    return json::parse(in);
}

void write_json(const fs::path& p, const json& j) {
    std::ofstream out(p);
    out << j.dump(1);
}

}  // namespace

Workload make_workload(int rules, int patients) {
    Lcg g(12345);
    Workload w;
    for (int i = 0; i < rules; ++i) {
        WorkloadRule r;
        r.injury = i % 8;
        r.min_weeks = g.below(12);
        r.max_pain = 2 + g.below(6);
        r.min_rom = g.below(120);
        w.rules.push_back(r);
    }
    for (int i = 0; i < patients; ++i) {
        WorkloadPatient p;
        p.injury = g.below(8);
        p.weeks = g.below(16);
        p.pain = g.below(10);
        p.rom = g.below(140);
        w.patients.push_back(p);
    }
    return w;
}

void check_matches(const char* engine, int rules, int patients, std::int64_t got) {
    static const std::map<std::pair<int, int>, std::int64_t> expected = {
        {{50, 2000}, 1902}, {{500, 2000}, 20581}, {{5000, 500}, 47066}};
    auto it = expected.find({rules, patients});
    if (it == expected.end() || it->second != got) {
        std::fprintf(stderr, "FATAL: %s found %lld matches for %d rules x %d patients, expected %lld\n",
                     engine, static_cast<long long>(got), rules, patients,
                     it == expected.end() ? -1LL : static_cast<long long>(it->second));
        std::abort();
    }
}

const char* to_string(RuleMode m) {
    switch (m) {
        case RuleMode::mixed:
            return "mixed";
        case RuleMode::other_condition:
            return "other_condition";
        case RuleMode::general:
            return "general";
    }
    return "?";
}

namespace {

// Clones of the bundled exercises; clone k of base b progresses to clone k+1 of the same base.
json synthetic_exercises(const std::vector<json>& base, int total, std::vector<std::string>& ids) {
    json list = json::array();
    const int nb = static_cast<int>(base.size());
    for (int i = nb; i < total; ++i) {
        json e = base[static_cast<std::size_t>(i % nb)];
        e["id"] = "syn_" + std::to_string(i);
        e["name"] = e["name"].get<std::string>() + " (synthetic " + std::to_string(i) + ")";
        e["progresses_to"] = json::array();
        if (i + nb < total) e["progresses_to"].push_back("syn_" + std::to_string(i + nb));
        ids.push_back(e["id"]);
        list.push_back(std::move(e));
    }
    return list;
}

json synthetic_rules(const SyntheticSpec& spec, const std::vector<std::string>& exercises,
                     const std::vector<std::string>& conditions, const std::vector<std::string>& muscles,
                     const std::vector<std::string>& movements) {
    static const char* kinds[] = {"prefer", "avoid", "exclude", "warn", "require"};
    Lcg g(987654321);
    json rules = json::array();
    for (int i = 0; i < spec.rules; ++i) {
        const int kind = i % 5;
        std::string when;
        if (spec.mode == RuleMode::mixed)
            when = "condition == " + conditions[static_cast<std::size_t>(i) % conditions.size()] + " and ";
        if (spec.mode == RuleMode::other_condition) when = "condition == patellofemoral_pain and ";
        when += "pain.rest <= " + std::to_string(1 + g.below(8)) +
                " and days_since_onset >= " + std::to_string(g.below(60));
        std::string select;
        switch (g.below(4)) {
            case 0:
                select = "works(" +
                         muscles[static_cast<std::size_t>(g.below(static_cast<int>(muscles.size())))] + ")";
                break;
            case 1:
                select = "loads(" +
                         movements[static_cast<std::size_t>(g.below(static_cast<int>(movements.size())))] +
                         ")";
                break;
            default:
                select = "exercise(" +
                         exercises[static_cast<std::size_t>(g.below(static_cast<int>(exercises.size())))] +
                         ")";
        }
        json action;
        if (kind <= 1)
            action[kinds[kind]] = {{"select", select}, {"weight", 1 + i % 3}};
        else if (kind == 3)
            action["warn"] = {{"text", "synthetic note " + std::to_string(i)}, {"select", select}};
        else
            action[kinds[kind]] = select;
        // One kind per priority, so that no two rules of one priority can contradict each other.
        rules.push_back({{"id", "syn.r" + std::to_string(i)},
                         {"category", "selection"},
                         {"rationale", "synthetic benchmark rule"},
                         {"evidence", {{"references", json::array()}, {"grade", "practice"}}},
                         {"priority", 601 + (i / 5 % 10) * 5 + kind},
                         {"when", when},
                         {"then", json::array({action})}});
    }
    return json{{"rules", rules}};
}

std::vector<std::string> ids_of(const json& list) {
    std::vector<std::string> out;
    for (const auto& x : list) out.push_back(x["id"]);
    return out;
}

void write_dirs(const SyntheticSpec& spec, const SyntheticDirs& dirs) {
    const fs::path src = source_dir();
    fs::remove_all(fs::path(dirs.knowledge).parent_path());
    fs::create_directories(dirs.knowledge);
    fs::create_directories(dirs.rules);
    fs::copy(src / "knowledge", dirs.knowledge, fs::copy_options::recursive);
    fs::copy(src / "rules", dirs.rules, fs::copy_options::recursive);
    std::vector<json> base;
    std::vector<std::string> exercise_ids;
    std::vector<fs::path> files;  // sorted: the clones and rule targets do not depend on the file system
    for (const auto& f : fs::directory_iterator(src / "knowledge" / "exercises")) files.push_back(f.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        const json doc = read_json(f);
        for (const auto& e : doc["exercises"]) base.push_back(e), exercise_ids.push_back(e["id"]);
    }
    if (base.empty() || spec.exercises < static_cast<int>(base.size())) {
        std::fprintf(stderr, "FATAL: a synthetic knowledge base needs at least %zu exercises\n", base.size());
        std::abort();
    }
    json clones = synthetic_exercises(base, spec.exercises, exercise_ids);
    write_json(fs::path(dirs.knowledge) / "exercises" / "zz_synthetic.json", json{{"exercises", clones}});
    auto conditions = ids_of(read_json(src / "knowledge" / "conditions.json")["conditions"]);
    auto muscles = ids_of(read_json(src / "knowledge" / "muscles.json")["muscles"]);
    auto movements = ids_of(read_json(src / "knowledge" / "movements.json")["movements"]);
    write_json(fs::path(dirs.rules) / "zz_synthetic.json",
               synthetic_rules(spec, exercise_ids, conditions, muscles, movements));
}

}  // namespace

SyntheticDirs synthetic_paths(const SyntheticSpec& spec) {
    std::string name =
        "e" + std::to_string(spec.exercises) + "_r" + std::to_string(spec.rules) + "_" + to_string(spec.mode);
    fs::path root = fs::temp_directory_path() / "rehab-bench" / name;
    return {(root / "knowledge").string(), (root / "rules").string()};
}

SyntheticDirs synthetic_dirs(const SyntheticSpec& spec) {
    static std::map<std::string, SyntheticDirs> written;
    SyntheticDirs dirs = synthetic_paths(spec);
    if (auto it = written.find(dirs.knowledge); it != written.end()) return it->second;
    write_dirs(spec, dirs);
    written.emplace(dirs.knowledge, dirs);
    return dirs;
}

}  // namespace rehab::bench
