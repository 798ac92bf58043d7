// Builds the DOT document in two passes: choose the nodes (all, or the neighbourhood a filter names),
// then write nodes by kind and the edges between chosen nodes, then the legend. Muscles no exercise
// works are labelled so, rather than left as unexplained islands.
#include "io/render/knowledge/knowledge_dot.hpp"

#include <algorithm>
#include <set>
#include <sstream>

namespace rehab::io {

namespace {

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

const char* stage_colour(const Exercise& e) {
    if (e.in_stage(Stage::early)) return "#c7e9c0";
    if (e.in_stage(Stage::mid)) return "#fee391";
    return "#fcbba1";
}

std::string stage_list(const Exercise& e) {
    std::string out;
    for (int s = 0; s < stage_count; ++s)
        if (e.in_stage(static_cast<Stage>(s)))
            out += (out.empty() ? "" : ", ") + std::string(to_string(static_cast<Stage>(s)));
    return out;
}

bool contraindicated_for(const Exercise& e, ConditionId c) {
    return std::any_of(e.precautions.begin(), e.precautions.end(),
                       [&](const Precaution& p) { return p.contraindication && p.condition == c; });
}

// The chosen nodes, by kind and id.
struct Chosen {
    std::set<std::uint32_t> conditions, exercises, muscles, movements, equipment;
};

void add_exercise(const KnowledgeGraph& kg, Chosen& c, ExerciseId id) {
    const Exercise& e = kg.exercise(id);
    c.exercises.insert(id.value);
    for (const auto& w : e.works) c.muscles.insert(w.muscle.value);
    for (const auto& p : e.performs) c.movements.insert(p.movement.value);
    for (auto q : e.equipment) c.equipment.insert(q.value);
}

Chosen choose(const KnowledgeGraph& kg, const DotFilter& f) {
    Chosen c;
    if (f.condition) {
        const Condition& cond = kg.condition(*f.condition);
        c.conditions.insert(cond.id.value);
        for (auto m : cond.involves)
            for (auto e : kg.exercises_working(m, true)) add_exercise(kg, c, e);
        if (cond.key_movement.valid())
            for (auto e : kg.exercises_loading(cond.key_movement, ~0u)) add_exercise(kg, c, e);
        for (const auto& e : kg.exercises())
            if (contraindicated_for(e, cond.id)) add_exercise(kg, c, e.id);
        for (auto m : cond.involves) c.muscles.insert(m.value);
        if (cond.key_movement.valid()) c.movements.insert(cond.key_movement.value);
    } else if (f.exercise) {
        std::vector<ExerciseId> chain = kg.chain_before(*f.exercise);
        const auto after = kg.chain_after(*f.exercise);
        chain.insert(chain.end(), after.begin(), after.end());
        chain.push_back(*f.exercise);
        for (auto e : chain) add_exercise(kg, c, e);
        for (const auto& cond : kg.conditions())
            for (auto m : cond.involves)
                if (c.muscles.count(m.value)) c.conditions.insert(cond.id.value);
    } else {
        for (const auto& e : kg.exercises()) add_exercise(kg, c, e.id);
        for (const auto& cond : kg.conditions()) c.conditions.insert(cond.id.value);
        for (std::uint32_t i = 0; i < kg.muscles().size(); ++i) c.muscles.insert(i);
        for (std::uint32_t i = 0; i < kg.movements().size(); ++i) c.movements.insert(i);
    }
    return c;
}

void write_nodes(std::ostream& out, const KnowledgeGraph& kg, const Chosen& c) {
    out << "  // conditions\n";
    for (auto i : c.conditions) {
        const Condition& x = kg.conditions()[i];
        out << "  " << quoted("condition:" + x.key)
            << " [shape=octagon, style=filled, fillcolor=\"#fdd0a2\", label=" << quoted(x.name) << "];\n";
    }
    out << "  // exercises, filled by earliest stage: early green, mid yellow, late red\n";
    for (auto i : c.exercises) {
        const Exercise& e = kg.exercises()[i];
        out << "  " << quoted("exercise:" + e.key) << " [shape=box, style=\"rounded,filled\", fillcolor=\""
            << stage_colour(e) << "\", label=" << quoted(e.name + "\n(" + stage_list(e) + ")") << "];\n";
    }
    out << "  // muscles\n";
    for (auto i : c.muscles) {
        const Named& m = kg.muscles()[i];
        const bool worked = !kg.exercises_working(MuscleId(i), false).empty();
        out << "  " << quoted("muscle:" + m.key)
            << " [shape=ellipse, style=filled, fillcolor=\"#deebf7\", label="
            << quoted(worked ? m.name : m.name + "\n(no exercise works it)") << "];\n";
    }
    out << "  // movements\n";
    for (auto i : c.movements)
        out << "  " << quoted("movement:" + kg.movements()[i].key)
            << " [shape=hexagon, style=filled, fillcolor=\"#efedf5\", label="
            << quoted(kg.movements()[i].name) << "];\n";
    out << "  // equipment\n";
    for (auto i : c.equipment)
        out << "  " << quoted("equipment:" + kg.equipment()[i].key)
            << " [shape=note, style=filled, fillcolor=\"#f0f0f0\", label=" << quoted(kg.equipment()[i].name)
            << "];\n";
}

void write_edges(std::ostream& out, const KnowledgeGraph& kg, const Chosen& c) {
    auto edge = [&](const std::string& a, const std::string& b, const char* style) {
        out << "  " << quoted(a) << " -> " << quoted(b) << " [" << style << "];\n";
    };
    out << "  // progressions (easier -> harder), muscles worked, movements loaded, equipment needed\n";
    for (auto i : c.exercises) {
        const Exercise& e = kg.exercises()[i];
        const std::string from = "exercise:" + e.key;
        for (auto next : kg.progressions(e.id))
            if (c.exercises.count(next.value))
                edge(from, "exercise:" + kg.exercise(next).key, "penwidth=2, color=\"#252525\"");
        for (const auto& w : e.works)
            if (c.muscles.count(w.muscle.value))
                edge(from, "muscle:" + kg.muscle(w.muscle).key,
                     w.primary ? "style=dashed, color=\"#6baed6\", arrowhead=none"
                               : "style=dotted, color=\"#9ecae1\", arrowhead=none, penwidth=0.6");
        for (const auto& p : e.performs)
            if (c.movements.count(p.movement.value))
                edge(from, "movement:" + kg.movement(p.movement).key, "style=dotted, color=\"#756bb1\"");
        for (auto q : e.equipment)
            if (c.equipment.count(q.value))
                edge(from, "equipment:" + kg.equipment(q).key,
                     "style=dotted, color=\"#969696\", arrowhead=none");
    }
    out << "  // conditions: tissues involved, key movement, contraindicated exercises\n";
    for (auto i : c.conditions) {
        const Condition& x = kg.conditions()[i];
        const std::string from = "condition:" + x.key;
        for (auto m : x.involves)
            if (c.muscles.count(m.value)) edge(from, "muscle:" + kg.muscle(m).key, "color=\"#e6550d\"");
        if (x.key_movement.valid() && c.movements.count(x.key_movement.value))
            edge(from, "movement:" + kg.movement(x.key_movement).key,
                 "color=\"#e6550d\", penwidth=2, label=\"key\"");
        for (auto e : c.exercises)
            if (contraindicated_for(kg.exercises()[e], x.id))
                edge(from, "exercise:" + kg.exercises()[e].key,
                     "style=dashed, color=\"#cb181d\", label=\"contraindicated\"");
    }
}

void write_legend(std::ostream& out) {
    out << "  subgraph cluster_legend {\n"
        << "    label=\"Legend\"; fontsize=10; style=dashed;\n"
        << "    \"legend:condition\" [shape=octagon, style=filled, fillcolor=\"#fdd0a2\", "
           "label=\"condition\"];\n"
        << "    \"legend:exercise\" [shape=box, style=\"rounded,filled\", fillcolor=\"#fee391\", "
           "label=\"exercise (fill: earliest stage)\"];\n"
        << "    \"legend:harder\" [shape=box, style=\"rounded,filled\", fillcolor=\"#fcbba1\", "
           "label=\"harder exercise\"];\n"
        << "    \"legend:muscle\" [shape=ellipse, style=filled, fillcolor=\"#deebf7\", label=\"muscle\"];\n"
        << "    \"legend:movement\" [shape=hexagon, style=filled, fillcolor=\"#efedf5\", "
           "label=\"movement\"];\n"
        << "    \"legend:equipment\" [shape=note, style=filled, fillcolor=\"#f0f0f0\", "
           "label=\"equipment\"];\n"
        << "    \"legend:exercise\" -> \"legend:harder\" [penwidth=2, color=\"#252525\", label=\"progresses "
           "to\"];\n"
        << "    \"legend:exercise\" -> \"legend:muscle\" [style=dashed, color=\"#6baed6\", arrowhead=none, "
           "label=\"works\"];\n"
        << "    \"legend:exercise\" -> \"legend:muscle\" [style=dotted, color=\"#9ecae1\", arrowhead=none, "
           "penwidth=0.6, label=\"works (secondary)\"];\n"
        << "    \"legend:exercise\" -> \"legend:movement\" [style=dotted, color=\"#756bb1\", "
           "label=\"loads\"];\n"
        << "    \"legend:exercise\" -> \"legend:equipment\" [style=dotted, color=\"#969696\", "
           "arrowhead=none, "
           "label=\"needs\"];\n"
        << "    \"legend:condition\" -> \"legend:muscle\" [color=\"#e6550d\", label=\"involves\"];\n"
        << "    \"legend:condition\" -> \"legend:exercise\" [style=dashed, color=\"#cb181d\", "
           "label=\"contraindicated\"];\n"
        << "  }\n";
}

}  // namespace

std::string knowledge_to_dot(const KnowledgeGraph& kg, const DotFilter& filter) {
    std::ostringstream out;
    std::string title = kg.name() + " " + kg.version();
    if (filter.condition) title += ": " + kg.condition(*filter.condition).name;
    if (filter.exercise) title += ": " + kg.exercise(*filter.exercise).name;
    out << "digraph knowledge {\n"
        << "  graph [rankdir=LR, fontname=\"Helvetica\", label=" << quoted(title) << "];\n"
        << "  node [fontname=\"Helvetica\", fontsize=10];\n"
        << "  edge [fontname=\"Helvetica\", fontsize=9];\n";
    const Chosen chosen = choose(kg, filter);
    write_nodes(out, kg, chosen);
    write_edges(out, kg, chosen);
    write_legend(out);
    out << "}\n";
    return out.str();
}

}  // namespace rehab::io
