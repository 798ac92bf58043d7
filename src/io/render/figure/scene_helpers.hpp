// Small tools to pose the figure in world coordinates: a body placed by its pelvis, a limb reaching
// a point (two-segment inverse kinematics), a limb through a knee and an ankle, a trunk towards a point.
#pragma once
#include "io/render/figure/pose.hpp"

namespace rehab::io::figure {

Pose body_at(Point pelvis, double trunk, int facing = 1, double width = 0);
Point hip_of(const Pose& p, int i);
Point shoulder_of(const Pose& p, int i);
// `bend` +1 puts the middle joint anticlockwise of the line from the root to the target.
void leg_to(Pose& p, int i, Point ankle, int bend);
void arm_to(Pose& p, int i, Point hand, int bend);
void leg_through(Pose& p, int i, Point knee, Point ankle);
void trunk_to(Pose& p, Point neck);
void leg_angles(Pose& p, int i, double upper, double lower);
void arm_angles(Pose& p, int i, double upper, double lower);

}  // namespace rehab::io::figure
