// Exercises on the floor or a chair: lying on the back, front or side (head to the left), sitting,
// kneeling and on hands and knees. Side lying and some lying holds are seen from the front of the
// body or from above, so that a movement out to the side shows.
#include "io/render/figure/scene_helpers.hpp"
#include "io/render/figure/scenes.hpp"

namespace rehab::io::figure {

namespace {

Shape box(double x0, double y0, double x1, double y1) { return {Shape::box, {x0, y0}, {x1, y1}}; }
Shape line(double x0, double y0, double x1, double y1) { return {Shape::line, {x0, y0}, {x1, y1}}; }

Pose lying(double width = 0, int facing = 1) {  // on the back or front, legs straight
    Pose p = body_at({0, width != 0 ? 20.0 : 5.0}, 180, facing, width);
    for (int i = 0; i < 2; ++i) arm_angles(p, i, 3, 357), leg_angles(p, i, 0, 0);
    return p;
}

Pose knees_bent(Point pelvis = {0, 5}) {
    Pose p = lying();
    p.where = pelvis;
    for (int i = 0; i < 2; ++i) {
        leg_to(p, i, {46, 5}, 1);
        p.legs[i].end = 0;
    }
    return p;
}

Scene from_above(const Facts& f) {  // on the back, seen from above: legs out or in
    Scene s;
    s.floor = false;
    s.start = lying(6);
    s.end = s.start;
    if (f.does("hip_abduction")) {  // push the knees out into a belt
        s.props.push_back(box(30, 10, 38, 30));
        leg_angles(s.end, 0, 3, 3), leg_angles(s.end, 1, 357, 357);
        s.efforts.push_back({Joint::knee0, 90});
        s.efforts.push_back({Joint::knee1, 270});
    } else {  // the therapist takes the leg out, the patient resists it back in
        leg_angles(s.end, 0, 25, 25);
        s.efforts.push_back({Joint::ankle0, 260});
    }
    return s;
}

Scene supine(const Facts& f) {
    Scene s;
    if (f.first("hip_abduction") ||
        (f.first("hip_adduction") && f.uses("ball") == false && !f.does("hip_flexion")))
        return from_above(f);
    if (f.first("hip_adduction") && f.uses("ball")) {  // squeeze a ball between the knees
        s.start = knees_bent();
        s.end = s.start;
        s.props.push_back({Shape::circle, {26, 30}, {6, 6}});
        s.efforts.push_back({Joint::knee0, 270, true});
        return s;
    }
    if (f.first("trunk_stabilisation") && f.does("hip_flexion")) {  // dead bug
        s.start = lying();
        for (int i = 0; i < 2; ++i) leg_angles(s.start, i, 90, 0), arm_angles(s.start, i, 90, 90);
        s.start.where = {0, 6};
        s.end = s.start;
        leg_angles(s.end, 0, 12, 12);
        arm_angles(s.end, 1, 170, 170);
        return s;
    }
    if (f.first("trunk_stabilisation")) {  // a breath or a gentle draw-in with the knees bent
        s.start = knees_bent();
        s.end = s.start;
        if (f.uses("mat"))  // draw the belly in
            s.efforts.push_back({Joint::pelvis, 270, true});
        else  // the belly rises with the breath
            s.efforts.push_back({Joint::pelvis, 90});
        return s;
    }
    if (f.first("trunk_flexion")) {  // curl-up
        s.start = knees_bent();
        for (int i = 0; i < 2; ++i) arm_angles(s.start, i, 3, 3);
        s.end = s.start;
        s.end.trunk = 155;
        for (int i = 0; i < 2; ++i) arm_to(s.end, i, {16, 26}, 1);
        return s;
    }
    if (f.first("hip_extension") && f.moves) {  // bridge, or on one leg
        s.start = knees_bent();
        s.end = knees_bent({8, 24});
        trunk_to(s.end, {-38, 5});
        for (int i = 0; i < 2; ++i) leg_to(s.end, i, {46, 5}, 1);
        if (f.per_side) {
            s.end.legs[1] = s.end.legs[0];
            s.end.legs[1].lower = s.end.legs[0].upper;
            s.end.legs[1].end.reset();
        }
        return s;
    }
    if (f.first("hip_extension")) {  // squeeze the buttocks, legs straight
        s.start = lying();
        s.end = s.start;
        s.efforts.push_back({Joint::pelvis, 240, true});
        s.efforts.push_back({Joint::pelvis, 300, true});
        return s;
    }
    if (f.does("knee_extension")) {  // thigh upright, straighten the knee
        s.start = lying();
        leg_angles(s.start, 0, 90, 0);
        for (int i = 0; i < 2; ++i) arm_to(s.start, i, {6, 30}, -1);
        s.end = s.start;
        leg_angles(s.end, 0, 90, 85);
        return s;
    }
    if (f.band) {  // a band from the foot to a fixing beyond the feet: knee to chest
        s.start = lying();
        leg_angles(s.start, 0, 8, 352);
        s.end = s.start;
        leg_angles(s.end, 0, 88, 30);
        s.ties.push_back({Point{104, 6}, Joint::pelvis, Joint::ankle0, true});
        s.props.push_back(line(104, 0, 104, 14));
        return s;
    }
    if (f.does("knee_flexion")) {  // heel slide
        s.start = lying();
        s.end = s.start;
        leg_to(s.end, 0, {40, 5}, 1);
        s.end.legs[0].end = 20;
        return s;
    }
    if (f.does("hip_adduction")) {  // piriformis stretch: ankle over the other knee, pulled in
        s.start = knees_bent();
        s.end = s.start;
        leg_angles(s.end, 1, 65, 350);
        const Point knee1 = along(s.end.where, 65, thigh_len);
        leg_to(s.end, 0, {knee1.x + 2, knee1.y + 1}, 1);
        for (int i = 0; i < 2; ++i) arm_to(s.end, i, knee1, -1);
        return s;
    }
    // hamstring stretch: the straight leg raised with a towel round the foot
    s.start = lying();
    s.end = s.start;
    leg_angles(s.end, 0, 70, 70);
    const Point ankle = along(along(s.end.where, 70, thigh_len), 70, shin_len);
    for (int i = 0; i < 2; ++i) arm_to(s.end, i, {ankle.x - 12, ankle.y - 18}, -1);
    arm_to(s.start, 0, {30, 8}, 1);
    s.ties.push_back({std::nullopt, Joint::hand0, Joint::ankle0, false});
    return s;
}

Scene side_lying(const Facts& f) {  // seen from the front of the body, head to the left
    Scene s;
    const bool adduct = f.first("hip_adduction");
    const bool propped = f.does("trunk_lateral_flexion");
    s.start = body_at({0, 9}, 180, 1, propped ? 0 : adduct ? -6 : 6);
    arm_angles(s.start, 0, 350, 345);
    arm_angles(s.start, 1, 180, 180);
    const bool knee = f.mid;  // the short lever (knee on the bench) comes before the long one
    if (propped) {            // on the forearm; the top leg on a bench for the adductor version
        s.start.where = {0, 8};
        trunk_to(s.start, {-44, 24});
        arm_to(s.start, 1, {-22, 2}, -1);
        if (adduct) {
            s.props.push_back(box(knee ? 40.0 : 58.0, 0, knee ? 80.0 : 92.0, 32));
            leg_through(s.start, 0, {36, 24}, {knee ? 62.0 : 72.0, 32});
            leg_angles(s.start, 1, 358, 0);
        } else {
            leg_angles(s.start, 0, 2, 0), leg_angles(s.start, 1, 358, 0);
        }
        s.end = s.start;
        s.end.where = {4, 22};
        trunk_to(s.end, {-40, 25});
        arm_to(s.end, 1, {-22, 2}, -1);
        if (adduct) {
            leg_through(s.end, 0, {38, 28}, {knee ? 62.0 : 72.0, 33});
            leg_through(s.end, 1, {38, 19}, {knee ? 64.0 : 72.0, 8});
        } else {
            leg_to(s.end, 0, {72, 4}, 1), leg_to(s.end, 1, {72, 2}, 1);
        }
        return s;
    }
    if (f.first("hip_external_rotation")) {  // clamshell: knees bent, the top knee opens
        leg_through(s.start, 0, {22, 6}, {44, 8});
        leg_through(s.start, 1, {22, 3}, {44, 4});
        s.end = s.start;
        leg_through(s.end, 0, {20, 30}, {44, 8});
        return s;
    }
    if (adduct) {  // the lower leg lifts; the top foot stands in front of it
        leg_angles(s.start, 0, 0, 0);
        leg_through(s.start, 1, {24, 22}, {30, 3});
        s.end = s.start;
        leg_angles(s.end, 0, 12, 12);
        return s;
    }
    leg_angles(s.start, 0, 0, 0), leg_angles(s.start, 1, 0, 0);  // the top leg lifts out to the side
    s.end = s.start;
    leg_angles(s.end, 0, 30, 30);
    return s;
}

Scene prone(const Facts& f) {
    Scene s;
    s.start = lying(0, -1);
    for (int i = 0; i < 2; ++i) arm_angles(s.start, i, 0, 0);
    if (f.first("trunk_stabilisation")) {  // plank on the forearms
        s.start.where = {0, 6};
        trunk_to(s.start, {-44, 22});
        arm_to(s.start, 0, {-22, 2}, 1), arm_to(s.start, 1, {-22, 2}, 1);
        leg_to(s.start, 0, {70, 4}, 1), leg_to(s.start, 1, {70, 4}, 1);
        s.end = s.start;
        s.end.where = {4, 20};
        trunk_to(s.end, {-40, 22});
        arm_to(s.end, 0, {-20, 2}, 1), arm_to(s.end, 1, {-20, 2}, 1);
        leg_to(s.end, 0, {70, 4}, 1), leg_to(s.end, 1, {70, 4}, 1);
        return s;
    }
    if (f.first("hip_extension")) {
        s.end = s.start;
        leg_angles(s.end, 0, 14, 14);
        return s;
    }
    leg_angles(s.start, 0, 0, 90);  // knee bent to a right angle, foot in the air
    s.end = s.start;
    if (f.band) {  // turning the hip moves the foot across or out
        const bool ext = f.first("hip_external_rotation");
        leg_angles(s.end, 0, 0, ext ? 125 : 55);
        s.ties.push_back({Point{ext ? 10.0 : 80.0, 40}, Joint::pelvis, Joint::ankle0, true});
        s.props.push_back(line(ext ? 10 : 80, 0, ext ? 10 : 80, 46));
    } else {
        leg_angles(s.end, 0, 0, 100);
        s.efforts.push_back({Joint::ankle0, 180});
    }
    return s;
}

Scene sitting(const Facts& f) {
    Scene s;
    if (f.uses("exercise_bike")) {
        s.props.push_back({Shape::circle, {34, 20}, {11, 11}});
        s.props.push_back(line(-2, 56, 30, 14));
        s.props.push_back(line(50, 66, 40, 16));
        s.start = body_at({0, 60}, 72);
        leg_to(s.start, 0, {34, 31}, 1), leg_to(s.start, 1, {34, 9}, 1);
        for (int i = 0; i < 2; ++i) arm_to(s.start, i, {50, 66}, -1);
        s.end = s.start;
        leg_to(s.end, 0, {34, 9}, 1), leg_to(s.end, 1, {34, 31}, 1);
        return s;
    }
    if (!f.uses("chair") && f.does("hip_abduction")) {  // sitting on the floor, soles together
        s.start = body_at({0, 8}, 90, 1, 6);
        leg_through(s.start, 0, {28, 24}, {3, 6}), leg_through(s.start, 1, {-28, 24}, {-3, 6});
        arm_to(s.start, 0, {4, 8}, 1), arm_to(s.start, 1, {-4, 8}, -1);
        s.end = s.start;
        leg_through(s.end, 0, {32, 12}, {3, 6}), leg_through(s.end, 1, {-32, 12}, {-3, 6});
        return s;
    }
    // on a chair
    s.props.push_back(box(-22, 31, 10, 34));
    s.props.push_back(line(-20, 0, -20, 31));
    s.props.push_back(line(8, 0, 8, 31));
    s.props.push_back(line(-22, 34, -22, 66));
    if (f.first("hip_external_rotation") || f.first("hip_internal_rotation")) {  // seen from the front
        s.start = body_at({-6, 37}, 90, 1, 6);
        leg_through(s.start, 0, {2, 34}, {2, 3}), leg_through(s.start, 1, {-14, 34}, {-14, 3});
        arm_angles(s.start, 0, 280, 275), arm_angles(s.start, 1, 260, 265);
        s.end = s.start;
        const bool ext = f.first("hip_external_rotation");
        leg_through(s.end, 0, {2, 34}, {ext ? -1.0 : 5.0, 3});
        s.efforts.push_back({Joint::ankle0, ext ? 180.0 : 0.0});
        return s;
    }
    s.start = body_at({0, 37}, 90);
    leg_to(s.start, 0, {34, 3}, 1), leg_to(s.start, 1, {34, 3}, 1);
    if (f.moves) {  // sit to stand, arms across the chest
        for (int i = 0; i < 2; ++i) arm_to(s.start, i, {12, 66}, -1);
        s.end = body_at({30, 73}, 90);
        leg_to(s.end, 0, {34, 3}, 1), leg_to(s.end, 1, {34, 3}, 1);
        for (int i = 0; i < 2; ++i) arm_to(s.end, i, {42, 102}, -1);
        return s;
    }
    for (int i = 0; i < 2; ++i) arm_to(s.start, i, {32, 40}, -1);  // lift the knee against the hand
    s.end = s.start;
    s.efforts.push_back({Joint::knee0, 90});
    return s;
}

Scene kneeling(const Facts& f) {
    Scene s;
    if (f.does("knee_flexion")) {  // Nordic curl: a partner holds the ankles, the body lowers forwards
        s.props.push_back(box(-40, 4, -28, 12));
        s.start = body_at({0, 40}, 90);
        for (int i = 0; i < 2; ++i) leg_through(s.start, i, {0, 4}, {-34, 4}), s.start.legs[i].end = 180;
        arm_angles(s.start, 0, 275, 280), arm_angles(s.start, 1, 275, 280);
        s.end = body_at(along({0, 4}, 45, thigh_len), 45);
        for (int i = 0; i < 2; ++i) leg_through(s.end, i, {0, 4}, {-34, 4}), s.end.legs[i].end = 180;
        arm_angles(s.end, 0, 330, 320), arm_angles(s.end, 1, 330, 320);
        return s;
    }
    // half kneeling on the leg stretched, the other foot in front; the weight shifts forwards
    s.start = body_at({-10, 40}, 90);
    leg_through(s.start, 0, {-10, 4}, {-44, 4});
    s.start.legs[0].end = 180;
    leg_to(s.start, 1, {30, 3}, 1);
    arm_angles(s.start, 0, 270, 280), arm_angles(s.start, 1, 270, 280);
    s.end = s.start;
    s.end.where = {2, 37};
    leg_through(s.end, 0, {-10, 4}, {-44, 4});
    leg_to(s.end, 1, {30, 3}, 1);
    return s;
}

Scene quadruped() {  // hands and knees, head to the right: one leg back, the other arm forward
    Scene s;
    s.start = body_at({0, 40}, 0);
    for (int i = 0; i < 2; ++i) {
        leg_through(s.start, i, {0, 4}, {-34, 4});
        arm_to(s.start, i, {44, 3}, -1);
    }
    s.end = s.start;
    leg_angles(s.end, 0, 180, 180);
    arm_angles(s.end, 1, 5, 5);
    return s;
}

}  // namespace

Scene floor_scene(const Facts& f) {
    if (f.position == "supine") return supine(f);
    if (f.position == "side_lying") return side_lying(f);
    if (f.position == "prone") return prone(f);
    if (f.position == "sitting") return sitting(f);
    if (f.position == "kneeling") return kneeling(f);
    return quadruped();
}

}  // namespace rehab::io::figure
