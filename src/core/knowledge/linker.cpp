// Links string ids to strong ids: registers every entity (KB005 duplicates, KB013 id syntax) in
// data order, then resolves each reference (KB006 with a "did you mean" hint) into tables and a flat
// list of typed relations. Exercise-specific checks live in exercise_linker.cpp.
#include "core/knowledge/linker.hpp"

#include "core/knowledge/linked.hpp"

namespace rehab {

const char* to_string(VertexKind k) {
    static const char* const names[] = {"exercise", "muscle",   "movement",  "condition", "equipment",
                                        "position", "red flag", "reference", "band",      "ladder"};
    return names[static_cast<std::size_t>(k)];
}

const char* to_string(Relation r) {
    static const char* const names[] = {"performs",    "works",        "produces",         "involves",
                                        "provoked_by", "key_movement", "progresses_to",    "needs",
                                        "in_position", "precaution",   "contraindication", "cites",
                                        "uses_band",   "on_ladder",    "protocol_core"};
    return names[static_cast<std::size_t>(r)];
}

std::optional<std::uint32_t> LinkedKnowledge::find(VertexKind k, std::string_view key) const {
    const auto& map = index[static_cast<std::size_t>(k)];
    auto it = map.find(key);
    if (it == map.end()) return std::nullopt;
    return it->second;
}

namespace {

bool snake_case(const std::string& id) {
    if (id.empty() || id[0] < 'a' || id[0] > 'z') return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

bool reference_id(const std::string& id) {
    if (id.size() < 3 || id.compare(0, 2, "R-") != 0) return false;
    for (std::size_t i = 2; i < id.size(); ++i) {
        char c = id[i];
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 2 || (c != '_' && c != '-' && c != '.'))) return false;
    }
    return true;
}

}  // namespace

bool Linker::register_id(VertexKind k, const std::string& id, const Location& origin) {
    const auto kind = static_cast<std::size_t>(k);
    const std::string at = origin.pointer + "/id";
    bool ok = k == VertexKind::reference ? reference_id(id) : snake_case(id);
    if (!ok)
        d_.error("KB013", {origin.file, at}, std::string("bad ") + to_string(k) + " id '" + id + "'",
                 k == VertexKind::reference ? "reference ids look like 'R-NAME2020'"
                                            : "ids are snake_case: a-z, 0-9 and '_', starting with a letter");
    auto [it, inserted] = out_.index[kind].emplace(id, static_cast<std::uint32_t>(out_.origins[kind].size()));
    if (!inserted) {
        const auto& first = out_.origins[kind][it->second];
        d_.error("KB005", {origin.file, at}, std::string("duplicate ") + to_string(k) + " id '" + id + "'",
                 "first defined in " + first.file + " at " + first.pointer);
        return false;
    }
    out_.origins[kind].push_back(origin);
    return true;
}

std::optional<std::uint32_t> Linker::resolve(VertexKind k, const std::string& key, const std::string& file,
                                             const std::string& pointer) {
    if (auto i = out_.find(k, key)) return i;
    std::vector<std::string> names;
    for (const auto& [name, index] : out_.index[static_cast<std::size_t>(k)]) names.push_back(name);
    auto near = nearest_name(key, names);
    d_.error("KB006", {file, pointer}, std::string("unknown ") + to_string(k) + " '" + key + "'",
             near.empty() ? "" : "did you mean '" + near + "'?");
    return std::nullopt;
}

std::optional<std::uint32_t> Linker::link(Relation r, Node from, VertexKind to, const std::string& key,
                                          const Location& where, unsigned mask, bool primary) {
    auto target = resolve(to, key, where.file, where.pointer);
    if (target) out_.links.push_back({r, from, Node{to, *target}, mask, primary, where.pointer});
    return target;
}

std::vector<ReferenceId> Linker::link_references(Node from, const std::vector<std::string>& keys,
                                                 const Location& list) {
    std::vector<ReferenceId> out;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        Location at = list.at("/" + std::to_string(i));
        if (auto r = link(Relation::cites, from, VertexKind::reference, keys[i], at)) out.emplace_back(*r);
    }
    return out;
}

void Linker::register_all() {
    for (const auto& s : data_.references)
        if (register_id(VertexKind::reference, s.id, s.origin))
            out_.references.push_back({s.id, s.id, s.citation});
    for (const auto& s : data_.movements)
        if (register_id(VertexKind::movement, s.id, s.origin))
            out_.movements.push_back({s.id, s.name, s.description});
    for (const auto& s : data_.equipment)
        if (register_id(VertexKind::equipment, s.id, s.origin)) out_.equipment.push_back({s.id, s.name, {}});
    for (const auto& s : data_.positions)
        if (register_id(VertexKind::position, s.id, s.origin)) out_.positions.push_back({s.id, s.name, {}});
    for (const auto& s : data_.muscles)
        if (register_id(VertexKind::muscle, s.id, s.origin)) muscles_.push_back(&s);
    for (const auto& s : data_.bands)
        if (register_id(VertexKind::band, s.id, s.origin))
            out_.bands.push_back(
                {BandId(static_cast<std::uint32_t>(out_.bands.size())), s.id, s.name, s.force_lb});
    for (const auto& s : data_.red_flags)
        if (register_id(VertexKind::red_flag, s.id, s.origin)) red_flags_.push_back(&s);
    for (const auto& s : data_.conditions)
        if (register_id(VertexKind::condition, s.id, s.origin)) conditions_.push_back(&s);
    for (const auto& s : data_.exercises)
        if (register_id(VertexKind::exercise, s.id, s.origin)) exercises_.push_back(&s);
    for (const auto& s : data_.ladders)
        if (register_id(VertexKind::ladder, s.id, s.origin)) ladders_.push_back(&s);
}

void Linker::link_muscles() {
    for (std::uint32_t i = 0; i < muscles_.size(); ++i) {
        const auto& s = *muscles_[i];
        Node self{VertexKind::muscle, i};
        for (std::size_t j = 0; j < s.actions.size(); ++j)
            link(Relation::produces, self, VertexKind::movement, s.actions[j],
                 {s.origin.file, s.origin.pointer + "/actions/" + std::to_string(j)});
        link_references(self, s.references, {s.origin.file, s.origin.pointer + "/references"});
        out_.muscles.push_back({s.id, s.name, s.group});
    }
}

void Linker::link_conditions() {
    for (std::uint32_t i = 0; i < conditions_.size(); ++i) {
        const auto& s = *conditions_[i];
        Node self{VertexKind::condition, i};
        Condition c{ConditionId(i), s.id, s.name, s.definition, {}, {}, {}, s.pain_ceiling, {}, {}, {}};
        const auto& f = s.origin.file;
        for (std::size_t j = 0; j < s.involves.size(); ++j)
            if (auto m = link(Relation::involves, self, VertexKind::muscle, s.involves[j],
                              {f, s.origin.pointer + "/involves/" + std::to_string(j)}))
                c.involves.emplace_back(*m);
        for (std::size_t j = 0; j < s.provoked_by.size(); ++j) {
            unsigned mask = contraction_mask(s.provoked_by[j].contractions);
            if (auto m =
                    link(Relation::provoked_by, self, VertexKind::movement, s.provoked_by[j].movement,
                         {f, s.origin.pointer + "/provoked_by/" + std::to_string(j) + "/movement"}, mask))
                c.provoked_by.push_back({MovementId(*m), mask});
        }
        if (auto m = link(Relation::key_movement, self, VertexKind::movement, s.key_movement,
                          {f, s.origin.pointer + "/key_movement"}))
            c.key_movement = MovementId(*m);
        c.references = link_references(self, s.references, {f, s.origin.pointer + "/references"});
        for (const auto& e : s.education)
            c.education.push_back(
                {e.text,
                 link_references(self, e.references, {e.origin.file, e.origin.pointer + "/references"})});
        if (s.protocol) c.protocol = link_protocol(self, *s.protocol);
        out_.conditions.push_back(std::move(c));
    }
}

Protocol Linker::link_protocol(Node condition, const ProtocolSpec& s) {
    Protocol p{s.name, {}, s.through, {}};
    for (std::size_t j = 0; j < s.exercises.size(); ++j)
        if (auto e = link(Relation::protocol_core, condition, VertexKind::exercise, s.exercises[j],
                          {s.origin.file, s.origin.pointer + "/exercises/" + std::to_string(j)}))
            p.exercises.emplace_back(*e);
    p.references =
        link_references(condition, s.references, {s.origin.file, s.origin.pointer + "/references"});
    return p;
}

void Linker::link_others() {
    for (std::uint32_t i = 0; i < red_flags_.size(); ++i) {
        const auto& s = *red_flags_[i];
        RedFlag r{RedFlagId(i), s.id, s.name, s.concern, s.advice, s.urgency, {}};
        r.references = link_references({VertexKind::red_flag, i}, s.references,
                                       {s.origin.file, s.origin.pointer + "/references"});
        out_.red_flags.push_back(std::move(r));
    }
    if (!data_.band_reference.empty()) {
        const auto& at = data_.band_reference_origin;
        if (auto r = resolve(VertexKind::reference, data_.band_reference, at.file, at.pointer)) {
            out_.band_reference = ReferenceId(*r);
            for (std::uint32_t b = 0; b < out_.bands.size(); ++b)
                out_.links.push_back({Relation::cites,
                                      {VertexKind::band, b},
                                      {VertexKind::reference, *r},
                                      0,
                                      false,
                                      at.pointer});
        }
    }
    for (const auto& s : data_.codes) {
        auto c = resolve(VertexKind::condition, s.condition, s.origin.file, s.origin.pointer + "/condition");
        if (c) out_.codes.push_back({s.system, s.code, s.match, s.note, ConditionId(*c)});
    }
}

unsigned contraction_mask(const std::vector<Contraction>& list) {
    unsigned mask = 0;
    for (auto c : list) mask |= 1u << static_cast<unsigned>(c);
    return mask;
}

unsigned stage_mask(const std::vector<Stage>& list) {
    unsigned mask = 0;
    for (auto s : list) mask |= 1u << static_cast<unsigned>(s);
    return mask;
}

LinkedKnowledge link_knowledge(const KnowledgeData& data, Diagnostics& diags) {
    Linker linker(data, diags);
    return linker.run();
}

LinkedKnowledge Linker::run() {
    out_.name = data_.name;
    out_.version = data_.version;
    out_.description = data_.description;
    out_.content_hash = data_.content_hash;
    register_all();
    link_muscles();
    link_conditions();
    link_others();
    for (std::uint32_t i = 0; i < exercises_.size(); ++i) link_exercise(*exercises_[i], i);
    link_ladders();
    return std::move(out_);
}

}  // namespace rehab
