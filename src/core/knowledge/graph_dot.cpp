// Graphviz DOT rendering of the knowledge graph: exercises coloured by their earliest stage,
// progression edges between them, and dashed edges to the primary muscles each exercise works.
// Output depends only on the data (id order), so it is deterministic.
#include <sstream>

#include "core/knowledge/graph.hpp"

namespace rehab {

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

}  // namespace

std::string KnowledgeGraph::to_dot() const {
    std::ostringstream out;
    out << "digraph knowledge {\n"
        << "  graph [rankdir=LR, fontname=\"Helvetica\", label=" << quoted(name() + " " + version()) << "];\n"
        << "  node [fontname=\"Helvetica\", fontsize=10];\n"
        << "  edge [fontname=\"Helvetica\", fontsize=9];\n"
        << "  // exercises, filled by earliest stage: early green, mid yellow, late red\n";
    for (const auto& e : exercises())
        out << "  " << quoted("exercise:" + e.key) << " [shape=box, style=\"rounded,filled\", fillcolor=\""
            << stage_colour(e) << "\", label=" << quoted(e.name + "\n(" + stage_list(e) + ")") << "];\n";
    out << "  // muscles\n";
    for (const auto& m : muscles())
        out << "  " << quoted("muscle:" + m.key)
            << " [shape=ellipse, style=filled, fillcolor=\"#deebf7\", label=" << quoted(m.name) << "];\n";
    out << "  // progressions (easier -> harder)\n";
    for (const auto& e : exercises())
        for (auto next : progressions(e.id))
            out << "  " << quoted("exercise:" + e.key) << " -> " << quoted("exercise:" + exercise(next).key)
                << " [penwidth=2, color=\"#252525\"];\n";
    out << "  // primary muscles worked\n";
    for (const auto& e : exercises())
        for (const auto& w : e.works)
            if (w.primary)
                out << "  " << quoted("exercise:" + e.key) << " -> "
                    << quoted("muscle:" + muscle(w.muscle).key)
                    << " [style=dashed, color=\"#6baed6\", arrowhead=none];\n";
    out << "}\n";
    return out.str();
}

}  // namespace rehab
