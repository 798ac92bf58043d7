// Posing helpers: lengths from pose.hpp, angles in degrees in [0, 360).
#include "io/render/figure/scene_helpers.hpp"

#include <algorithm>
#include <cmath>

namespace rehab::io::figure {

namespace {

constexpr double pi = 3.14159265358979323846;

double angle_to(Point a, Point b) {
    double d = std::atan2(b.y - a.y, b.x - a.x) * 180.0 / pi;
    return d < 0 ? d + 360 : d;
}

double dist(Point a, Point b) { return std::hypot(b.x - a.x, b.y - a.y); }

Limb reach(Limb l, Point from, Point to, double l1, double l2, int bend) {
    const double d = std::clamp(dist(from, to), std::abs(l1 - l2) + 0.01, l1 + l2 - 0.01);
    const double a =
        std::acos(std::clamp((l1 * l1 + d * d - l2 * l2) / (2 * l1 * d), -1.0, 1.0)) * 180.0 / pi;
    l.upper = angle_to(from, to) + bend * a;
    l.lower = angle_to(along(from, l.upper, l1), to);
    l.upper_scale = l.lower_scale = 1;
    return l;
}

}  // namespace

Pose body_at(Point pelvis, double trunk, int facing, double width) {
    Pose p;
    p.trunk = trunk;
    p.facing = facing;
    p.width = width;
    p.at = Joint::pelvis;
    p.where = pelvis;
    return p;
}

Point hip_of(const Pose& p, int i) { return along(p.where, p.trunk - 90, (i == 0 ? 1 : -1) * p.width); }

Point shoulder_of(const Pose& p, int i) {
    return along(along(p.where, p.trunk, trunk_len), p.trunk - 90, (i == 0 ? 1 : -1) * p.width * 1.4);
}

void leg_to(Pose& p, int i, Point ankle, int bend) {
    p.legs[i] = reach(p.legs[i], hip_of(p, i), ankle, thigh_len, shin_len, bend);
}

void arm_to(Pose& p, int i, Point hand, int bend) {
    p.arms[i] = reach(p.arms[i], shoulder_of(p, i), hand, upper_arm_len, forearm_len, bend);
}

void leg_through(Pose& p, int i, Point knee, Point ankle) {
    const Point hip = hip_of(p, i);
    Limb& l = p.legs[i];
    l.upper = angle_to(hip, knee);
    l.lower = angle_to(knee, ankle);
    l.upper_scale = dist(hip, knee) / thigh_len;
    l.lower_scale = dist(knee, ankle) / shin_len;
}

void trunk_to(Pose& p, Point neck) { p.trunk = angle_to(p.where, neck); }

void leg_angles(Pose& p, int i, double upper, double lower) {
    p.legs[i].upper = upper;
    p.legs[i].lower = lower;
    p.legs[i].upper_scale = p.legs[i].lower_scale = 1;
}

void arm_angles(Pose& p, int i, double upper, double lower) {
    p.arms[i].upper = upper;
    p.arms[i].lower = lower;
    p.arms[i].upper_scale = p.arms[i].lower_scale = 1;
}

}  // namespace rehab::io::figure
