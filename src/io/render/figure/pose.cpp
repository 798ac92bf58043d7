// Forward kinematics of the stick figure: fixed segment lengths, absolute angles, then the whole
// body moved so that the chosen joint sits where the pose puts it.
#include "io/render/figure/pose.hpp"

#include <cmath>

namespace rehab::io::figure {

namespace {

constexpr double pi = 3.14159265358979323846;

Body build(const Pose& p) {
    Body b;
    b.pelvis = {0, 0};
    b.neck = along(b.pelvis, p.trunk, trunk_len);
    b.head = along(b.neck, p.trunk, neck_len + head_radius);
    b.head_r = head_radius;
    for (int i = 0; i < 2; ++i) {
        const double side = i == 0 ? 1 : -1;  // the working leg and arm on the right of a front view
        const auto& leg = p.legs[i];
        b.hip[i] = along(b.pelvis, p.trunk - 90, side * p.width);
        b.knee[i] = along(b.hip[i], leg.upper, thigh_len * leg.upper_scale);
        b.ankle[i] = along(b.knee[i], leg.lower, shin_len * leg.lower_scale);
        const double toes = leg.end ? *leg.end : leg.lower + 90.0 * p.facing;
        b.toe[i] = along(b.ankle[i], toes, p.width != 0 && !leg.end ? 0 : foot_len);
        const auto& arm = p.arms[i];
        b.shoulder[i] = along(b.neck, p.trunk - 90, side * p.width * 1.4);
        b.elbow[i] = along(b.shoulder[i], arm.upper, upper_arm_len * arm.upper_scale);
        b.hand[i] = along(b.elbow[i], arm.lower, forearm_len * arm.lower_scale);
    }
    return b;
}

void shift(Body& b, double dx, double dy) {
    auto move = [&](Point& q) { q = {q.x + dx, q.y + dy}; };
    move(b.pelvis), move(b.neck), move(b.head);
    for (int i = 0; i < 2; ++i)
        for (Point* q :
             {&b.hip[i], &b.knee[i], &b.ankle[i], &b.toe[i], &b.shoulder[i], &b.elbow[i], &b.hand[i]})
            move(*q);
}

}  // namespace

Point along(Point from, double degrees, double length) {
    const double a = degrees * pi / 180.0;
    return {from.x + length * std::cos(a), from.y + length * std::sin(a)};
}

Point joint(const Body& b, Joint j) {
    switch (j) {
        case Joint::pelvis:
            return b.pelvis;
        case Joint::neck:
            return b.neck;
        case Joint::knee0:
            return b.knee[0];
        case Joint::knee1:
            return b.knee[1];
        case Joint::ankle0:
            return b.ankle[0];
        case Joint::ankle1:
            return b.ankle[1];
        case Joint::elbow0:
            return b.elbow[0];
        case Joint::elbow1:
            return b.elbow[1];
        case Joint::hand0:
            return b.hand[0];
        case Joint::hand1:
            return b.hand[1];
    }
    return b.pelvis;
}

Body pose_body(const Pose& p) {
    Body b = build(p);
    const Point j = joint(b, p.at);
    shift(b, p.where.x - j.x, p.where.y - j.y);
    return b;
}

}  // namespace rehab::io::figure
