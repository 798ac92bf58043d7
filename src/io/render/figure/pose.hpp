// A stick figure in the picture plane: segment angles (degrees, 0 = right, 90 = up) and one joint
// placed at a point of the world (floor at y = 0, y up), from which every joint follows.
// Used by the handout's exercise drawings (figure_svg.hpp); no knowledge, no text.
#pragma once
#include <array>
#include <optional>

namespace rehab::io::figure {

struct Point {
    double x = 0, y = 0;
};

inline constexpr double trunk_len = 44, neck_len = 5, head_radius = 7, thigh_len = 36, shin_len = 34,
                        foot_len = 9, upper_arm_len = 25, forearm_len = 23;

struct Limb {  // a leg (thigh, shin, foot) or an arm (upper arm, forearm)
    double upper = 270, lower = 270;
    double upper_scale = 1, lower_scale = 1;  // below 1: the segment points partly towards the viewer
    std::optional<double> end;                // foot angle; unset: square to the shin, toes to `facing`
};

enum class Joint { pelvis, neck, knee0, knee1, ankle0, ankle1, elbow0, elbow1, hand0, hand1 };

struct Pose {
    double trunk = 90;         // pelvis -> neck
    double width = 0;          // half the hip width across the picture (a front view), 0 in a side view
    int facing = 1;            // +1 toes point 90 degrees anticlockwise of the shin, -1 clockwise
    std::array<Limb, 2> legs;  // 0 = the working (near) leg, drawn highlighted when it moves
    std::array<Limb, 2> arms;
    Joint at = Joint::pelvis;  // the joint placed at `where`
    Point where;
};

struct Body {  // every joint of a posed figure in world coordinates
    Point pelvis, neck, head;
    double head_r = 0;
    std::array<Point, 2> hip, knee, ankle, toe, shoulder, elbow, hand;
};

Body pose_body(const Pose& p);
Point joint(const Body& b, Joint j);
Point along(Point from, double degrees, double length);

}  // namespace rehab::io::figure
