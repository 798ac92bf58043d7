// Gathers the facts of an exercise from the knowledge graph and hands them to the scene builders.
#include "io/render/figure/scenes.hpp"

#include <algorithm>

namespace rehab::io::figure {

bool Facts::does(const std::string& m) const {
    return std::find(movements.begin(), movements.end(), m) != movements.end();
}

bool Facts::uses(const std::string& e) const {
    return std::find(equipment.begin(), equipment.end(), e) != equipment.end();
}

Scene scene_for(const KnowledgeGraph& kg, const Exercise& e) {
    Facts f;
    f.position = e.position.valid() ? kg.position(e.position).key : "standing";
    for (const auto& p : e.performs) {
        f.movements.push_back(kg.movement(p.movement).key);
        if (p.resistance == Resistance::band) f.band = true;
        if (p.contractions & ~(1u << static_cast<unsigned>(Contraction::isometric))) f.moves = true;
    }
    for (const auto& q : e.equipment) f.equipment.push_back(kg.equipment(q).key);
    if (f.uses("resistance_band")) f.band = true;
    f.stance = e.stance;
    f.per_side = true;
    bool any = false;
    for (const auto& d : e.dosage)
        if (d) {
            any = true;
            f.per_side = f.per_side && d->per_side;
        }
    f.per_side = any && f.per_side;
    f.early = e.in_stage(Stage::early);
    f.mid = e.in_stage(Stage::mid);
    return f.position == "standing" ? standing_scene(f) : floor_scene(f);
}

}  // namespace rehab::io::figure
