// Standing exercises: a side view for movements forwards and backwards, a front view for movements
// out to the side and in across; the working leg is leg 0 (drawn highlighted when it moves).
#include "io/render/figure/scene_helpers.hpp"
#include "io/render/figure/scenes.hpp"

namespace rehab::io::figure {

namespace {

constexpr double hip_y = 73;  // straight legs, ankles 3 above the floor

Pose side(double x = 0, double y = hip_y) {
    Pose p = body_at({x, y}, 90);
    for (int i = 0; i < 2; ++i) arm_angles(p, i, 268, 282);
    return p;
}

Pose front(double x = 0, double y = hip_y) {
    Pose p = body_at({x, y}, 90, 1, 6);
    arm_angles(p, 0, 280, 275);
    arm_angles(p, 1, 260, 265);
    return p;
}

void stand_on(Pose& p, int i, Point ankle) { leg_to(p, i, ankle, 1); }

Shape box(double x0, double y0, double x1, double y1) { return {Shape::box, {x0, y0}, {x1, y1}}; }
Shape line(double x0, double y0, double x1, double y1) { return {Shape::line, {x0, y0}, {x1, y1}}; }

Shape support(double x) { return line(x, 0, x, 62); }

Scene band_side_to_side(const Facts& f) {  // abduction or adduction against a band fixed low
    Scene s;
    const bool abduct = f.first("hip_abduction");
    s.start = front();
    stand_on(s.start, 1, {-6, 3});
    leg_angles(s.start, 0, abduct ? 270 : 285, abduct ? 270 : 285);
    s.end = s.start;
    leg_angles(s.end, 0, abduct ? 305 : 258, abduct ? 305 : 258);
    s.ties.push_back({Point{abduct ? -44.0 : 46.0, 6}, Joint::pelvis, Joint::ankle0, true});
    s.props.push_back(line(abduct ? -44 : 46, 0, abduct ? -44 : 46, 14));
    return s;
}

Scene band_walk() {
    Scene s;
    s.start = front(0, 72);
    stand_on(s.start, 0, {9, 3});
    stand_on(s.start, 1, {-9, 3});
    s.end = front(10, 72);
    stand_on(s.end, 0, {32, 3});
    stand_on(s.end, 1, {-8, 3});
    s.ties.push_back({std::nullopt, Joint::ankle0, Joint::ankle1, true});
    return s;
}

Scene band_front_back(const Facts& f) {  // a band round the ankle, fixed in front or behind
    Scene s;
    const bool flex = f.first("hip_flexion");
    s.start = side();
    leg_angles(s.start, 0, flex ? 262 : 272, flex ? 262 : 272);
    s.end = s.start;
    if (!flex)
        leg_angles(s.end, 0, 240, 240);
    else if (f.mid)  // the marching lift of the mid stage; the straight-leg kick comes later
        leg_angles(s.end, 0, 355, 270);
    else
        leg_angles(s.end, 0, 315, 315);
    const double ax = flex ? -50 : 50;
    s.ties.push_back({Point{ax, 5}, Joint::pelvis, Joint::ankle0, true});
    s.props.push_back(line(ax, 0, ax, 14));
    s.props.push_back(support(flex ? 30 : -30));
    return s;
}

Scene band_rotation() {  // a band round the waist, fixed at waist height: the pelvis turns away
    Scene s;
    s.start = front();
    stand_on(s.start, 0, {6, 3});
    leg_angles(s.start, 1, 265, 250);
    s.end = s.start;
    s.end.width = 2.5;
    arm_angles(s.end, 0, 300, 330);
    arm_angles(s.end, 1, 240, 210);
    s.ties.push_back({Point{-50, 73}, Joint::pelvis, Joint::pelvis, true});
    s.props.push_back(line(-50, 0, -50, 80));
    return s;
}

Scene balance(const Facts& f) {
    Scene s;
    const bool board = f.uses("wobble_board");
    const double y0 = board ? 11 : 3;
    if (board) {
        s.props.push_back(box(-14, 6, 22, 9));
        s.props.push_back({Shape::circle, {4, 4}, {7, 3}});
    }
    s.start = side(0, y0 + 70);
    if (f.stance == Stance::affected_leg) {
        s.end = s.start;
        leg_angles(s.end, 1, 320, 255);
    } else {
        s.end = s.start;
        s.end.trunk = 86;
        arm_angles(s.end, 0, 300, 320);
        arm_angles(s.end, 1, 240, 220);
    }
    s.props.push_back(support(-28));
    return s;
}

Scene hinge(const Facts& f) {  // standing on one leg, tipping forwards from the hip
    Scene s;
    s.start = side(-2, 72);
    stand_on(s.start, 0, {0, 3});
    leg_angles(s.start, 1, 262, 262);
    s.end = side(-6, 70);
    s.end.trunk = 12;
    stand_on(s.end, 0, {0, 3});
    leg_angles(s.end, 1, 188, 188);
    if (f.does("hip_flexion"))
        arm_angles(s.end, 0, 5, 5), arm_angles(s.end, 1, 5, 5);
    else
        arm_angles(s.end, 0, 270, 270), arm_angles(s.end, 1, 270, 270);
    return s;
}

Scene glider() {
    Scene s;
    s.props.push_back(support(40));
    s.start = side(0, 69);
    stand_on(s.start, 0, {14, 3});
    stand_on(s.start, 1, {-14, 3});
    arm_to(s.start, 0, {40, 60}, -1);
    arm_to(s.start, 1, {40, 60}, -1);
    s.end = side(-8, 56);
    stand_on(s.end, 0, {14, 3});
    stand_on(s.end, 1, {-58, 3});
    s.end.legs[1].end = 180;
    arm_to(s.end, 0, {40, 60}, -1);
    arm_to(s.end, 1, {40, 60}, -1);
    return s;
}

Scene squat(const Facts& f) {
    Scene s;
    const bool step = f.uses("step");
    if (f.stance == Stance::both_legs) {
        s.start = side();
        s.end = side(-22, 40);
        s.end.trunk = 58;
        stand_on(s.end, 0, {0, 3});
        stand_on(s.end, 1, {0, 3});
        arm_angles(s.end, 0, 0, 0), arm_angles(s.end, 1, 0, 0);
    } else if (step && f.first("hip_extension")) {  // step up, side view
        s.props.push_back(box(10, 0, 44, 16));
        s.start = side(2, 72);
        stand_on(s.start, 1, {0, 3});
        stand_on(s.start, 0, {24, 19});
        s.end = side(24, 89);
        stand_on(s.end, 0, {24, 19});
        leg_angles(s.end, 1, 285, 250);
    } else if (step) {  // lateral step down, front view
        s.props.push_back(box(3, 0, 30, 16));
        s.start = front(4, 89);
        stand_on(s.start, 0, {10, 19});
        leg_angles(s.start, 1, 264, 264);
        s.end = front(4, 72);
        s.end.legs[0] = {};
        stand_on(s.end, 0, {10, 19});
        leg_to(s.end, 1, {-12, 5}, 1);
    } else if (f.does("hip_abduction")) {  // single-leg squat
        s.start = side();
        leg_angles(s.start, 1, 285, 275);
        s.end = side(-14, 54);
        s.end.trunk = 72;
        stand_on(s.end, 0, {0, 3});
        leg_angles(s.end, 1, 330, 300);
        arm_angles(s.end, 0, 0, 0), arm_angles(s.end, 1, 0, 0);
    } else {  // split squat
        s.start = side(-4, 68);
        stand_on(s.start, 0, {22, 3});
        stand_on(s.start, 1, {-30, 8});
        s.start.legs[1].end = 320;
        s.end = side(-4, 44);
        stand_on(s.end, 0, {22, 3});
        stand_on(s.end, 1, {-30, 8});
        s.end.legs[1].end = 320;
    }
    return s;
}

Scene hitch() {  // standing on a step on the working leg, the other hanging: drop, then lift the pelvis
    Scene s;
    s.props.push_back(box(-2, 0, 30, 16));
    s.start = front(4, 88);
    s.start.trunk = 97;
    stand_on(s.start, 0, {10, 19});
    leg_angles(s.start, 1, 270, 270);
    s.end = front(4, 88);
    s.end.trunk = 84;
    stand_on(s.end, 0, {10, 19});
    leg_angles(s.end, 1, 270, 270);
    return s;
}

Scene slide_or_lunge(const Facts& f) {
    Scene s;
    if (f.uses("slide_board")) {
        s.props.push_back(box(0, 0, 48, 2));
        s.start = front(4, 68);
        stand_on(s.start, 0, {36, 5});
        stand_on(s.start, 1, {-8, 3});
        s.end = front(0, 72);
        stand_on(s.end, 0, {8, 5});
        stand_on(s.end, 1, {-6, 3});
    } else {
        s.start = front();
        s.end = front(26, 50);
        s.end.legs[0].end = 0;
        leg_to(s.end, 0, {48, 3}, 1);
        leg_to(s.end, 1, {-22, 3}, -1);
    }
    return s;
}

Scene swings() {
    Scene s;
    s.props.push_back(support(-26));
    s.start = side();
    arm_to(s.start, 1, {-26, 60}, 1);
    leg_angles(s.start, 0, 235, 245);
    s.end = s.start;
    leg_angles(s.end, 0, 320, 310);
    return s;
}

}  // namespace

Scene standing_scene(const Facts& f) {
    if (f.band) {
        if (f.first("hip_abduction") && f.stance == Stance::both_legs) return band_walk();
        if (f.first("hip_abduction") || f.first("hip_adduction")) return band_side_to_side(f);
        if (f.first("hip_external_rotation") || f.first("hip_internal_rotation")) return band_rotation();
        return band_front_back(f);
    }
    if (f.first("balance_control")) return balance(f);
    if (f.uses("support")) return swings();
    if (f.first("hip_abduction") && f.uses("step")) return hitch();
    if (f.first("hip_adduction")) return slide_or_lunge(f);
    if (f.first("hip_extension") && f.does("balance_control")) return hinge(f);
    if (f.first("hip_extension") && f.does("hip_flexion")) return glider();
    return squat(f);
}

}  // namespace rehab::io::figure
