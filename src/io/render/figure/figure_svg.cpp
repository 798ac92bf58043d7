// Draws a scene (scene.hpp) as SVG: both panels share one scale and the floor; every number is
// printed with one decimal, so the bytes depend only on the knowledge.
#include "io/render/figure/figure_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "io/render/figure/scenes.hpp"
#include "io/render/words/markup_escape.hpp"

namespace rehab::io {

namespace {

using figure::Body;
using figure::Joint;
using figure::Point;
using figure::Scene;

constexpr double margin = 6, gap = 26, label_h = 12;

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    return s == "-0.0" ? "0.0" : s;
}

struct Box {
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    void add(Point p, double r = 0) {
        x0 = std::min(x0, p.x - r), x1 = std::max(x1, p.x + r);
        y0 = std::min(y0, p.y - r), y1 = std::max(y1, p.y + r);
    }
};

void add_body(Box& b, const Body& q) {
    b.add(q.head, q.head_r);
    b.add(q.pelvis), b.add(q.neck);
    for (int i = 0; i < 2; ++i)
        for (Point p : {q.hip[i], q.knee[i], q.ankle[i], q.toe[i], q.shoulder[i], q.elbow[i], q.hand[i]})
            b.add(p);
}

bool differs(double a, double b) {
    double d = std::fmod(std::abs(a - b), 360.0);
    return std::min(d, 360 - d) > 0.5;
}

bool limb_moves(const figure::Limb& a, const figure::Limb& b) {
    return differs(a.upper, b.upper) || differs(a.lower, b.lower) ||
           std::abs(a.upper_scale - b.upper_scale) > 0.01 || std::abs(a.lower_scale - b.lower_scale) > 0.01;
}

struct Moving {
    bool trunk = false, leg[2] = {false, false}, arm[2] = {false, false};
};

Moving moving(const Scene& s) {
    Moving m;
    m.trunk = differs(s.start.trunk, s.end.trunk) || std::abs(s.start.width - s.end.width) > 0.01;
    for (int i = 0; i < 2; ++i) {
        m.leg[i] = limb_moves(s.start.legs[i], s.end.legs[i]);
        m.arm[i] = limb_moves(s.start.arms[i], s.end.arms[i]);
    }
    for (const auto& e : s.efforts) switch (e.at) {
            case Joint::pelvis:
            case Joint::neck:
                m.trunk = true;
                break;
            case Joint::knee0:
            case Joint::ankle0:
                m.leg[0] = true;
                break;
            case Joint::knee1:
            case Joint::ankle1:
                m.leg[1] = true;
                break;
            case Joint::elbow0:
            case Joint::hand0:
                m.arm[0] = true;
                break;
            case Joint::elbow1:
            case Joint::hand1:
                m.arm[1] = true;
                break;
        }
    return m;
}

class Panel {
public:
    Panel(std::ostringstream& out, double dx, const Box& box) : out_(out), dx_(dx), box_(box) {}
    [[nodiscard]] std::string x(double v) const { return num(v - box_.x0 + margin + dx_); }
    [[nodiscard]] std::string y(double v) const { return num(box_.y1 - v + margin); }
    void segment(const char* cls, Point a, Point b, const char* stroke, double width,
                 const char* extra = "") {
        out_ << "<line class=\"" << cls << "\" x1=\"" << x(a.x) << "\" y1=\"" << y(a.y) << "\" x2=\""
             << x(b.x) << "\" y2=\"" << y(b.y) << "\" stroke=\"" << stroke << "\" stroke-width=\""
             << num(width) << "\" stroke-linecap=\"round\"" << extra << "/>\n";
    }
    void limb(Point a, Point b, Point c, bool moves) {
        out_ << "<polyline class=\"" << (moves ? "limb moving" : "limb") << "\" points=\"" << x(a.x) << ","
             << y(a.y) << " " << x(b.x) << "," << y(b.y) << " " << x(c.x) << "," << y(c.y)
             << "\" fill=\"none\" stroke=\"" << (moves ? "#000" : "#777") << "\" stroke-width=\""
             << (moves ? "4.5" : "3") << "\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>\n";
    }
    void body(const Body& q, const Moving& m) {
        for (int i : {1, 0}) {  // the far side first, the working side on top
            limb(q.shoulder[i], q.elbow[i], q.hand[i], m.arm[i]);
            limb(q.hip[i], q.knee[i], q.ankle[i], m.leg[i]);
            segment(m.leg[i] ? "limb moving" : "limb", q.ankle[i], q.toe[i], m.leg[i] ? "#000" : "#777",
                    m.leg[i] ? 4.5 : 3);
        }
        segment(m.trunk ? "trunk moving" : "trunk", q.pelvis, q.neck, m.trunk ? "#000" : "#444",
                m.trunk ? 5 : 4);
        if (q.hip[0].x != q.hip[1].x || q.hip[0].y != q.hip[1].y)
            segment("trunk", q.hip[0], q.hip[1], "#444", 3);
        if (q.shoulder[0].x != q.shoulder[1].x || q.shoulder[0].y != q.shoulder[1].y)
            segment("trunk", q.shoulder[0], q.shoulder[1], "#444", 3);
        out_ << "<circle class=\"head\" cx=\"" << x(q.head.x) << "\" cy=\"" << y(q.head.y) << "\" r=\""
             << num(q.head_r) << "\" fill=\"#fff\" stroke=\"#444\" stroke-width=\"2.5\"/>\n";
    }
    void prop(const figure::Shape& s) {
        switch (s.kind) {
            case figure::Shape::box:
                out_ << "<rect class=\"prop\" x=\"" << x(std::min(s.a.x, s.b.x)) << "\" y=\""
                     << y(std::max(s.a.y, s.b.y)) << "\" width=\"" << num(std::abs(s.b.x - s.a.x))
                     << "\" height=\"" << num(std::abs(s.b.y - s.a.y))
                     << "\" fill=\"#ddd\" stroke=\"#999\" stroke-width=\"1\"/>\n";
                break;
            case figure::Shape::circle:
                out_ << "<ellipse class=\"prop\" cx=\"" << x(s.a.x) << "\" cy=\"" << y(s.a.y) << "\" rx=\""
                     << num(s.b.x) << "\" ry=\"" << num(s.b.y)
                     << "\" fill=\"#ddd\" stroke=\"#999\" stroke-width=\"1\"/>\n";
                break;
            case figure::Shape::line:
                segment("prop", s.a, s.b, "#999", 2.5);
                break;
        }
    }
    void tie(const figure::Tie& t, const Body& q) {
        const Point from = t.anchor ? *t.anchor : joint(q, t.from);
        segment(t.band ? "band" : "strap", from, joint(q, t.to), t.band ? "#b03030" : "#777", 2,
                t.band ? "" : " stroke-dasharray=\"3 2\"");
        if (t.anchor)
            out_ << "<circle class=\"anchor\" cx=\"" << x(from.x) << "\" cy=\"" << y(from.y)
                 << "\" r=\"3\" fill=\"#fff\" stroke=\"#b03030\" stroke-width=\"2\"/>\n";
    }
    void effort(Point at, double angle, bool into) {
        const Point tip = into ? figure::along(at, angle + 180, 4) : figure::along(at, angle, 17);
        const Point tail = into ? figure::along(at, angle + 180, 17) : figure::along(at, angle, 4);
        segment("effort", tail, tip, "#000", 2);
        const Point l = figure::along(tip, angle + 150, 6), r = figure::along(tip, angle - 150, 6);
        out_ << "<polygon class=\"effort\" points=\"" << x(tip.x) << "," << y(tip.y) << " " << x(l.x) << ","
             << y(l.y) << " " << x(r.x) << "," << y(r.y) << "\" fill=\"#000\"/>\n";
    }

private:
    std::ostringstream& out_;
    double dx_;
    Box box_;
};

std::string lower_first(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
}

std::string label_of(const KnowledgeGraph& kg, const Exercise& e, const std::string& name, const Scene& s) {
    std::string out = name + ": the start position (left) and the end position (right)";
    if (e.position.valid()) out += ", " + lower_first(kg.position(e.position).name);
    out += ". The part that moves is drawn in thick black";
    if (!s.efforts.empty()) out += "; arrows show which way to push";
    for (const auto& t : s.ties)
        if (t.anchor) {
            out += "; the band is fixed at the ring";
            break;
        }
    return out + ".";
}

}  // namespace

std::string exercise_figure_svg(const KnowledgeGraph& kg, const Exercise& e, const std::string& name) {
    const Scene s = figure::scene_for(kg, e);
    const Body a = figure::pose_body(s.start), b = figure::pose_body(s.end);
    Box box;
    add_body(box, a), add_body(box, b);
    if (s.floor) box.add({box.x0, 0});
    for (const auto& p : s.props) {
        if (p.kind == figure::Shape::circle) {
            box.add({p.a.x - p.b.x, p.a.y - p.b.y}), box.add({p.a.x + p.b.x, p.a.y + p.b.y});
        } else {
            box.add(p.a), box.add(p.b);
        }
    }
    for (const auto& t : s.ties)
        if (t.anchor) box.add(*t.anchor, 3);
    for (const auto& f : s.efforts) {
        box.add(figure::along(joint(b, f.at), f.into ? f.angle + 180 : f.angle, 18));
    }
    if (s.floor) box.y0 = std::max(box.y0, -1.0);
    const double pw = box.x1 - box.x0 + 2 * margin, ph = box.y1 - box.y0 + 2 * margin;
    const double w = 2 * pw + gap, h = ph + label_h;
    const std::string label = html_escape(label_of(kg, e, name, s));
    const Moving m = moving(s);
    std::ostringstream out;
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figure\" viewBox=\"0 0 " << num(w) << " "
        << num(h) << "\" role=\"img\" aria-label=\"" << label << "\">\n<title>" << label << "</title>\n";
    for (int k = 0; k < 2; ++k) {
        const Body& q = k == 0 ? a : b;
        Panel p(out, k == 0 ? 0 : pw + gap, box);
        out << "<g class=\"" << (k == 0 ? "start" : "end") << "\">\n";
        if (s.floor) p.segment("floor", {box.x0 - margin, 0}, {box.x1 + margin, 0}, "#bbb", 1.5);
        for (const auto& sh : s.props) p.prop(sh);
        for (const auto& t : s.ties) p.tie(t, q);
        p.body(q, m);
        if (k == 1)
            for (const auto& f : s.efforts) p.effort(joint(q, f.at), f.angle, f.into);
        out << "<text x=\"" << num((k == 0 ? 0 : pw + gap) + pw / 2) << "\" y=\"" << num(h - 2)
            << "\" text-anchor=\"middle\" font-size=\"10\" fill=\"#333\">" << (k == 0 ? "Start" : "End")
            << "</text>\n</g>\n";
    }
    const double my = ph / 2;  // the arrow from start to end
    out << "<path class=\"then\" d=\"M" << num(pw + 5) << " " << num(my) << " H" << num(pw + gap - 7) << " M"
        << num(pw + gap - 12) << " " << num(my - 5) << " L" << num(pw + gap - 6) << " " << num(my) << " L"
        << num(pw + gap - 12) << " " << num(my + 5)
        << "\" fill=\"none\" stroke=\"#555\" stroke-width=\"2\"/>\n</svg>\n";
    return out.str();
}

}  // namespace rehab::io
