// What an exercise's drawing shows: the start and end pose, the equipment as shapes, a band or strap
// tied between a fixed anchor (or a joint) and a joint, and arrows for a push that does not move.
// scenes.hpp chooses it from the knowledge an exercise already holds.
#pragma once
#include <optional>
#include <vector>

#include "io/render/figure/pose.hpp"

namespace rehab::io::figure {

struct Shape {  // equipment, in world coordinates: a box, a circle or a line
    enum Kind { box, circle, line } kind = box;
    Point a, b;  // box: two corners; circle: centre, (radius x, radius y); line: ends
};

struct Tie {  // a band or a strap: from a fixed anchor, or from joint `from`, to joint `to`
    std::optional<Point> anchor;  // the band's fixing point (drawn as a hook), fixed in both panels
    Joint from = Joint::pelvis, to = Joint::ankle0;
    bool band = true;  // false: a towel or strap held in the hands
};

struct Effort {  // an arrow at a joint of the end pose: a push against something that does not move
    Joint at = Joint::pelvis;
    double angle = 0;   // the way the arrow points
    bool into = false;  // true: it points at the joint (a squeeze), else away from it (a push)
};

struct Scene {
    Pose start, end;
    std::vector<Shape> props;
    std::vector<Tie> ties;
    std::vector<Effort> efforts;
    bool floor = true;  // false: seen from above (no floor line)
};

}  // namespace rehab::io::figure
