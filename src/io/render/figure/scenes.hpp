// An exercise's scene, chosen from the knowledge it already holds (position, movements, stance,
// equipment, dose): the facts a drawing depends on, in the ids of the knowledge files, and the builders.
#pragma once
#include <string>
#include <vector>

#include "core/knowledge/entities.hpp"
#include "core/knowledge/graph.hpp"
#include "core/knowledge/model.hpp"
#include "io/render/figure/scene.hpp"

namespace rehab::io::figure {

struct Facts {
    std::string position;                // "standing", "supine", ...
    std::vector<std::string> movements;  // in the order the exercise lists them
    std::vector<std::string> equipment;
    Stance stance = Stance::none;
    bool band = false;                // works against a resistance band
    bool per_side = false;            // one side at a time (every stage's dose)
    bool moves = false;               // some movement is not a hold only (isometric)
    bool early = false, mid = false;  // its earliest stages
    [[nodiscard]] bool does(const std::string& m) const;
    [[nodiscard]] bool first(const std::string& m) const { return !movements.empty() && movements[0] == m; }
    [[nodiscard]] bool uses(const std::string& e) const;
};

Scene scene_for(const KnowledgeGraph& kg, const Exercise& e);
Scene standing_scene(const Facts& f);
Scene floor_scene(const Facts& f);  // lying, sitting, kneeling, on hands and knees

}  // namespace rehab::io::figure
