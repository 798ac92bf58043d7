// The knowledge of one exercise that its drawing depends on, in the words of the knowledge files
// (position, movement and equipment ids), for the scene builders.
#pragma once
#include <string>
#include <vector>

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

Scene standing_scene(const Facts& f);
Scene floor_scene(const Facts& f);  // lying, sitting, kneeling, on hands and knees

}  // namespace rehab::io::figure
