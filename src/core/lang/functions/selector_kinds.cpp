// Argument kinds of selector functions: what each expects (for messages and documentation), which
// names are valid (hashed lookups in the knowledge graph) and the candidates for "did you mean".
#include <algorithm>

#include "core/lang/functions/selector_functions.hpp"

namespace rehab {

namespace {

struct KindInfo {
    ArgKind kind;
    const char* short_name;
    const char* expected;
    std::vector<std::string> fixed;  // the values of an enumeration kind; empty for knowledge ids
};

const std::vector<KindInfo>& kinds() {
    static const std::vector<KindInfo> k = {
        {ArgKind::exercise, "exercise", "an exercise id", {}},
        {ArgKind::muscle, "muscle", "a muscle id", {}},
        {ArgKind::movement, "movement", "a movement id", {}},
        {ArgKind::contraction,
         "contraction",
         "a contraction (isometric, concentric, eccentric, stretch)",
         {"isometric", "concentric", "eccentric", "stretch"}},
        {ArgKind::resistance,
         "resistance",
         "a resistance (body_weight, band, therapist, external_load, none)",
         {"body_weight", "band", "therapist", "external_load", "none"}},
        {ArgKind::position, "position", "a position id", {}},
        {ArgKind::equipment, "equipment", "an equipment id", {}},
        {ArgKind::stance,
         "stance",
         "a stance (none, both_legs, other_leg, affected_leg)",
         {"none", "both_legs", "other_leg", "affected_leg"}},
        {ArgKind::lies_on,
         "lies_on",
         "a side to lie on (working_side, other_side)",
         {"working_side", "other_side"}},
        {ArgKind::stage, "stage", "a stage (early, mid, late) or a stage fact", {"early", "mid", "late"}},
        {ArgKind::component,
         "component",
         "a component (strength, balance, motor_control, mobility, trunk)",
         {"strength", "balance", "motor_control", "mobility", "trunk"}},
        {ArgKind::condition, "condition", "a condition id or a condition fact", {}},
        {ArgKind::source, "source", "seed or project", {"seed", "project"}},
        {ArgKind::ladder, "ladder", "a ladder id", {}},
        {ArgKind::rung, "rung", "a rung number (1 = the lightest rung)", {"1", "2", "3", "4", "5", "6"}},
        {ArgKind::none, "nothing", "nothing", {}},
    };
    return k;
}

const KindInfo& info(ArgKind k) { return kinds()[static_cast<std::size_t>(k)]; }

template <class Table>
void add_keys(std::vector<std::string>& v, const Table& table) {
    for (const auto& x : table) v.push_back(x.key);
}

}  // namespace

const char* kind_name(ArgKind k) { return info(k).expected; }
const char* kind_short_name(ArgKind k) { return info(k).short_name; }
bool kind_accepts_fact(ArgKind k) { return k == ArgKind::condition || k == ArgKind::stage; }

bool known_name(const KnowledgeGraph& kg, ArgKind kind, const std::string& name) {
    switch (kind) {
        case ArgKind::exercise:
            return kg.find_exercise(name).has_value();
        case ArgKind::muscle:
            return kg.find_muscle(name).has_value();
        case ArgKind::movement:
            return kg.find_movement(name).has_value();
        case ArgKind::position:
            return kg.find_position(name).has_value();
        case ArgKind::equipment:
            return kg.find_equipment(name).has_value();
        case ArgKind::condition:
            return kg.find_condition(name).has_value();
        case ArgKind::ladder:
            return kg.find_ladder(name).has_value();
        default: {
            const auto& v = info(kind).fixed;
            return std::find(v.begin(), v.end(), name) != v.end();
        }
    }
}

std::vector<std::string> kind_candidates(const KnowledgeGraph& kg, ArgKind kind) {
    std::vector<std::string> v;
    switch (kind) {
        case ArgKind::exercise:
            add_keys(v, kg.exercises());
            break;
        case ArgKind::muscle:
            add_keys(v, kg.muscles());
            break;
        case ArgKind::movement:
            add_keys(v, kg.movements());
            break;
        case ArgKind::position:
            add_keys(v, kg.positions());
            break;
        case ArgKind::equipment:
            add_keys(v, kg.equipment());
            break;
        case ArgKind::condition:
            add_keys(v, kg.conditions());
            break;
        case ArgKind::ladder:
            add_keys(v, kg.ladders());
            break;
        default:
            v = info(kind).fixed;
    }
    return v;
}

}  // namespace rehab
