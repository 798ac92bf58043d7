// Rows of `kb list` per kind (id, name and the one or two attributes that tell entries apart), then
// laid out as text columns or written as JSON with the knowledge's name, version and hash.
#include "io/render/knowledge/knowledge_list.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace rehab::io {

namespace {

struct Row {
    std::string id, name, detail;
};

std::string stages_text(unsigned mask) {
    std::string s;
    for (int i = 0; i < stage_count; ++i)
        if (mask & (1u << i)) s += (s.empty() ? "" : ",") + std::string(to_string(static_cast<Stage>(i)));
    return s;
}

std::vector<Row> named_rows(const std::vector<Named>& items) {
    std::vector<Row> rows;
    for (const auto& n : items) rows.push_back({n.key, n.name, ""});
    return rows;
}

std::vector<Row> rows_of(const KnowledgeGraph& kg, KnowledgeKind kind) {
    std::vector<Row> rows;
    switch (kind) {
        case KnowledgeKind::exercises:
            for (const auto& e : kg.exercises()) {
                std::string detail = std::string(to_string(e.component)) + "; " + stages_text(e.stages);
                for (const auto& p : e.ladders)
                    detail += "; " + kg.ladder(p.ladder).key + " " + std::to_string(p.rung);
                rows.push_back({e.key, e.name, detail});
            }
            return rows;
        case KnowledgeKind::conditions:
            for (const auto& c : kg.conditions())
                rows.push_back({c.key, c.name, "key movement " + kg.movement(c.key_movement).key});
            return rows;
        case KnowledgeKind::red_flags:
            for (const auto& f : kg.red_flags()) rows.push_back({f.key, f.name, to_string(f.urgency)});
            return rows;
        case KnowledgeKind::bands:
            for (const auto& b : kg.bands()) {
                nlohmann::json force = b.force_lb;
                rows.push_back({b.key, b.name, force.dump() + " lb"});
            }
            return rows;
        case KnowledgeKind::codes:
            for (const auto& c : kg.codes())
                rows.push_back({c.system + ":" + c.code, kg.condition(c.condition).key, c.match});
            return rows;
        case KnowledgeKind::movements:
            return named_rows(kg.movements());
        case KnowledgeKind::muscles:
            return named_rows(kg.muscles());
        case KnowledgeKind::equipment:
            return named_rows(kg.equipment());
        case KnowledgeKind::positions:
            return named_rows(kg.positions());
        case KnowledgeKind::references:
            return named_rows(kg.references());
        case KnowledgeKind::ladders:
            for (const auto& l : kg.ladders())
                rows.push_back({l.key, l.name,
                                std::to_string(l.rung_count()) + " rungs" +
                                    (l.section.empty() ? "" : "; clinical reference " + l.section)});
            return rows;
    }
    return rows;
}

std::vector<KnowledgeKind> kinds(std::optional<KnowledgeKind> kind) {
    if (kind) return {*kind};
    std::vector<KnowledgeKind> all;
    for (std::size_t i = 0; i < knowledge_kind_names().size(); ++i)
        all.push_back(static_cast<KnowledgeKind>(i));
    return all;
}

std::string pad(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

}  // namespace

const std::vector<std::string>& knowledge_kind_names() {
    static const std::vector<std::string> names = {"exercises",  "conditions", "movements", "muscles",
                                                   "equipment",  "positions",  "red-flags", "bands",
                                                   "references", "codes",      "ladders"};
    return names;
}

std::optional<KnowledgeKind> knowledge_kind_from(const std::string& name) {
    const auto& names = knowledge_kind_names();
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) return std::nullopt;
    return static_cast<KnowledgeKind>(it - names.begin());
}

std::string knowledge_list_text(const KnowledgeGraph& kg, std::optional<KnowledgeKind> kind) {
    std::string out;
    for (KnowledgeKind k : kinds(kind)) {
        const auto rows = rows_of(kg, k);
        std::size_t id_w = 2, name_w = 4;
        for (const auto& r : rows) {
            id_w = std::max(id_w, r.id.size());
            name_w = std::max(name_w, r.name.size());
        }
        if (!kind)
            out += (out.empty() ? "" : "\n") + knowledge_kind_names()[static_cast<std::size_t>(k)] + " (" +
                   std::to_string(rows.size()) + ")\n";
        for (const auto& r : rows) {
            std::string line =
                pad(r.id, id_w + 2) + (r.detail.empty() ? r.name : pad(r.name, name_w + 2) + r.detail);
            out += line + "\n";
        }
    }
    return out;
}

std::string knowledge_list_json(const KnowledgeGraph& kg, std::optional<KnowledgeKind> kind) {
    nlohmann::ordered_json doc;
    doc["schema"] = "rehab.knowledge-list/1";
    doc["knowledge"] = {{"name", kg.name()}, {"version", kg.version()}, {"hash", kg.content_hash()}};
    for (KnowledgeKind k : kinds(kind)) {
        auto& list = doc[knowledge_kind_names()[static_cast<std::size_t>(k)]] =
            nlohmann::ordered_json::array();
        for (const auto& r : rows_of(kg, k)) {
            nlohmann::ordered_json item = {{"id", r.id}, {"name", r.name}};
            if (!r.detail.empty()) item["detail"] = r.detail;
            list.push_back(std::move(item));
        }
    }
    return doc.dump(2) + "\n";
}

}  // namespace rehab::io
