// The compiled knowledge graph: every entity is a vertex and every relation a typed edge of one
// Boost adjacency_list, hidden behind strong ids. build() links the data, then runs the graph checks
// (KB008 progression cycles, KB011 orphans, KB101/KB102 chain ends); queries traverse the graph.
#include "core/knowledge/graph.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>

#include "core/knowledge/linked.hpp"

namespace rehab {

namespace {

struct VertexProps {
    VertexKind kind = VertexKind::exercise;
    std::uint32_t index = 0;
};
struct EdgeProps {
    Relation relation = Relation::cites;
    unsigned mask = 0;
    bool primary = false;
    std::uint32_t link = 0;  // index into LinkedKnowledge::links (where it is stated)
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, VertexProps, EdgeProps>;
using Vertex = Graph::vertex_descriptor;
using Edge = Graph::edge_descriptor;

struct ProgressionOnly {
    const Graph* g = nullptr;
    bool operator()(const Edge& e) const { return (*g)[e].relation == Relation::progresses_to; }
};
using ProgressionGraph = boost::filtered_graph<Graph, ProgressionOnly>;

// Records DFS tree parents and back edges (each back edge closes a cycle).
struct CycleFinder : boost::default_dfs_visitor {
    std::vector<Vertex>* parent;
    std::vector<Edge>* back_edges;
    template <class G>
    void tree_edge(Edge e, const G& g) const {
        (*parent)[boost::target(e, g)] = boost::source(e, g);
    }
    template <class G>
    void back_edge(Edge e, const G&) const {
        back_edges->push_back(e);
    }
};

// Records every vertex a BFS discovers.
struct Reached : boost::default_bfs_visitor {
    std::vector<Vertex>* out;
    template <class G>
    void discover_vertex(Vertex v, const G&) const {
        out->push_back(v);
    }
};

template <class Id>
std::vector<Id> sorted_ids(std::vector<Id> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

}  // namespace

struct KnowledgeGraph::Impl {
    LinkedKnowledge k;
    Graph g;
    std::array<std::size_t, vertex_kind_count> base{};

    Vertex vertex(VertexKind kind, std::uint32_t i) const { return base[static_cast<std::size_t>(kind)] + i; }
    std::uint32_t index_of(Vertex v) const { return g[v].index; }

    void build_graph();
    void check_cycles(Diagnostics& d) const;
    void check_orphans(Diagnostics& d) const;
    void check_chain_ends(Diagnostics& d) const;
    std::vector<ExerciseId> reach(ExerciseId e, bool forward) const;

    // Calls f(other vertex, edge props) for each out- (or in-) edge of v with relation r.
    template <class F>
    void each_out(Vertex v, Relation r, F&& f) const {
        for (auto [it, end] = boost::out_edges(v, g); it != end; ++it)
            if (g[*it].relation == r) f(boost::target(*it, g), g[*it]);
    }
    template <class F>
    void each_in(Vertex v, Relation r, F&& f) const {
        for (auto [it, end] = boost::in_edges(v, g); it != end; ++it)
            if (g[*it].relation == r) f(boost::source(*it, g), g[*it]);
    }
};

void KnowledgeGraph::Impl::build_graph() {
    std::size_t total = 0;
    for (std::size_t kind = 0; kind < vertex_kind_count; ++kind) {
        base[kind] = total;
        total += k.origins[kind].size();
    }
    g = Graph(total);
    for (std::size_t kind = 0; kind < vertex_kind_count; ++kind)
        for (std::uint32_t i = 0; i < k.origins[kind].size(); ++i)
            g[base[kind] + i] = {static_cast<VertexKind>(kind), i};
    for (std::uint32_t l = 0; l < k.links.size(); ++l) {
        const auto& link = k.links[l];
        boost::add_edge(vertex(link.from.kind, link.from.index), vertex(link.to.kind, link.to.index),
                        EdgeProps{link.relation, link.mask, link.primary, l}, g);
    }
}

void KnowledgeGraph::Impl::check_cycles(Diagnostics& d) const {
    ProgressionGraph pg(g, ProgressionOnly{&g});
    std::vector<Vertex> parent(boost::num_vertices(g));
    std::vector<Edge> back;
    CycleFinder finder;
    finder.parent = &parent;
    finder.back_edges = &back;
    boost::depth_first_search(pg, boost::visitor(finder));
    for (const auto& e : back) {
        Vertex from = boost::source(e, g), to = boost::target(e, g);
        std::vector<Vertex> path{from};
        while (path.back() != to && path.size() <= boost::num_vertices(g))
            path.push_back(parent[path.back()]);
        std::string text;
        for (auto it = path.rbegin(); it != path.rend(); ++it)
            text += k.exercises[index_of(*it)].key + " -> ";
        text += k.exercises[index_of(to)].key;
        const auto& origin = k.origins[0][index_of(from)];
        d.error("KB008", {origin.file, k.links[g[e].link].pointer}, "progression cycle: " + text,
                "progressions must lead from easier to harder exercises without returning");
    }
}

void KnowledgeGraph::Impl::check_orphans(Diagnostics& d) const {
    static const std::pair<VertexKind, const char*> checked[] = {
        {VertexKind::muscle, "list it in an exercise's 'works' or a condition's 'involves', or remove it"},
        {VertexKind::movement, "use it in 'performs', a muscle's 'actions' or a condition, or remove it"},
        {VertexKind::equipment, "list it in an exercise's 'equipment', or remove it"},
        {VertexKind::position, "use it as an exercise's 'position', or remove it"},
        {VertexKind::reference, "cite it in some 'references', or remove it"},
    };
    for (const auto& [kind, hint] : checked) {
        const auto& origins = k.origins[static_cast<std::size_t>(kind)];
        for (std::uint32_t i = 0; i < origins.size(); ++i) {
            if (boost::in_degree(vertex(kind, i), g) > 0) continue;
            auto it = std::find_if(k.index[static_cast<std::size_t>(kind)].begin(),
                                   k.index[static_cast<std::size_t>(kind)].end(),
                                   [&](const auto& entry) { return entry.second == i; });
            d.error("KB011", origins[i],
                    std::string(to_string(kind)) + " '" + it->first + "' is never referenced", hint);
        }
    }
}

void KnowledgeGraph::Impl::check_chain_ends(Diagnostics& d) const {
    for (const auto& e : k.exercises) {
        if (!e.in_stage(Stage::mid)) continue;
        const auto& origin = k.origins[0][e.id.value];
        Vertex v = vertex(VertexKind::exercise, e.id.value);
        bool has_before = false, has_after = false;
        each_in(v, Relation::progresses_to, [&](Vertex, const EdgeProps&) { has_before = true; });
        each_out(v, Relation::progresses_to, [&](Vertex, const EdgeProps&) { has_after = true; });
        if (!has_before)
            d.warning("KB101", origin, "mid-stage exercise '" + e.key + "' has no regression",
                      "let an easier exercise progress to it");
        if (!has_after)
            d.warning("KB102", origin, "mid-stage exercise '" + e.key + "' has no progression",
                      "add a harder exercise to its 'progresses_to'");
    }
}

std::vector<ExerciseId> KnowledgeGraph::Impl::reach(ExerciseId e, bool forward) const {
    ProgressionGraph pg(g, ProgressionOnly{&g});
    std::vector<Vertex> found;
    Reached visitor;
    visitor.out = &found;
    Vertex start = vertex(VertexKind::exercise, e.value);
    if (forward)
        boost::breadth_first_search(pg, start, boost::visitor(visitor));
    else
        boost::breadth_first_search(boost::make_reverse_graph(pg), start, boost::visitor(visitor));
    std::vector<ExerciseId> out;
    for (auto v : found)
        if (v != start) out.emplace_back(index_of(v));
    return sorted_ids(std::move(out));
}

std::shared_ptr<const KnowledgeGraph> KnowledgeGraph::build(const KnowledgeData& data, Diagnostics& diags) {
    Diagnostics local;
    auto impl = std::make_unique<Impl>();
    impl->k = link_knowledge(data, local);
    impl->build_graph();
    impl->check_cycles(local);
    impl->check_orphans(local);
    impl->check_chain_ends(local);
    diags.append(local);
    if (local.has_errors()) return nullptr;
    return std::shared_ptr<const KnowledgeGraph>(new KnowledgeGraph(std::move(impl)));
}

KnowledgeGraph::KnowledgeGraph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
KnowledgeGraph::~KnowledgeGraph() = default;

const std::string& KnowledgeGraph::name() const { return impl_->k.name; }
const std::string& KnowledgeGraph::version() const { return impl_->k.version; }
const std::string& KnowledgeGraph::description() const { return impl_->k.description; }
const std::string& KnowledgeGraph::content_hash() const { return impl_->k.content_hash; }
std::optional<ReferenceId> KnowledgeGraph::band_reference() const { return impl_->k.band_reference; }

std::size_t KnowledgeGraph::exercise_count() const { return impl_->k.exercises.size(); }
const Exercise& KnowledgeGraph::exercise(ExerciseId id) const { return impl_->k.exercises.at(id.value); }
const std::vector<Exercise>& KnowledgeGraph::exercises() const { return impl_->k.exercises; }
const std::vector<Condition>& KnowledgeGraph::conditions() const { return impl_->k.conditions; }
const Condition& KnowledgeGraph::condition(ConditionId id) const { return impl_->k.conditions.at(id.value); }
const std::vector<RedFlag>& KnowledgeGraph::red_flags() const { return impl_->k.red_flags; }
const RedFlag& KnowledgeGraph::red_flag(RedFlagId id) const { return impl_->k.red_flags.at(id.value); }
const std::vector<Band>& KnowledgeGraph::bands() const { return impl_->k.bands; }
const Band& KnowledgeGraph::band(BandId id) const { return impl_->k.bands.at(id.value); }
const std::vector<Named>& KnowledgeGraph::muscles() const { return impl_->k.muscles; }
const std::vector<Named>& KnowledgeGraph::movements() const { return impl_->k.movements; }
const std::vector<Named>& KnowledgeGraph::equipment() const { return impl_->k.equipment; }
const std::vector<Named>& KnowledgeGraph::positions() const { return impl_->k.positions; }
const std::vector<Named>& KnowledgeGraph::references() const { return impl_->k.references; }
const Named& KnowledgeGraph::muscle(MuscleId id) const { return impl_->k.muscles.at(id.value); }
const Named& KnowledgeGraph::movement(MovementId id) const { return impl_->k.movements.at(id.value); }
const Named& KnowledgeGraph::equipment(EquipmentId id) const { return impl_->k.equipment.at(id.value); }
const Named& KnowledgeGraph::position(PositionId id) const { return impl_->k.positions.at(id.value); }
const Named& KnowledgeGraph::reference(ReferenceId id) const { return impl_->k.references.at(id.value); }
const std::vector<CodeAlias>& KnowledgeGraph::codes() const { return impl_->k.codes; }
const std::vector<Ladder>& KnowledgeGraph::ladders() const { return impl_->k.ladders; }
const Ladder& KnowledgeGraph::ladder(LadderId id) const { return impl_->k.ladders.at(id.value); }

std::vector<ExerciseId> KnowledgeGraph::exercises_on(LadderId l, int low, int high) const {
    std::vector<ExerciseId> out;
    impl_->each_in(impl_->vertex(VertexKind::ladder, impl_->k.ladders.at(l.value).id.value),
                   Relation::on_ladder, [&](Vertex v, const EdgeProps& e) {
                       int rung = static_cast<int>(e.mask);
                       if (rung >= low && rung <= high) out.emplace_back(impl_->index_of(v));
                   });
    return sorted_ids(std::move(out));
}

namespace {
template <class Id>
std::optional<Id> find_id(const LinkedKnowledge& k, VertexKind kind, std::string_view key) {
    if (auto i = k.find(kind, key)) return Id(*i);
    return std::nullopt;
}
}  // namespace

std::optional<ExerciseId> KnowledgeGraph::find_exercise(std::string_view key) const {
    return find_id<ExerciseId>(impl_->k, VertexKind::exercise, key);
}
std::optional<MuscleId> KnowledgeGraph::find_muscle(std::string_view key) const {
    return find_id<MuscleId>(impl_->k, VertexKind::muscle, key);
}
std::optional<MovementId> KnowledgeGraph::find_movement(std::string_view key) const {
    return find_id<MovementId>(impl_->k, VertexKind::movement, key);
}
std::optional<ConditionId> KnowledgeGraph::find_condition(std::string_view key) const {
    return find_id<ConditionId>(impl_->k, VertexKind::condition, key);
}
std::optional<EquipmentId> KnowledgeGraph::find_equipment(std::string_view key) const {
    return find_id<EquipmentId>(impl_->k, VertexKind::equipment, key);
}
std::optional<PositionId> KnowledgeGraph::find_position(std::string_view key) const {
    return find_id<PositionId>(impl_->k, VertexKind::position, key);
}
std::optional<RedFlagId> KnowledgeGraph::find_red_flag(std::string_view key) const {
    return find_id<RedFlagId>(impl_->k, VertexKind::red_flag, key);
}
std::optional<ReferenceId> KnowledgeGraph::find_reference(std::string_view key) const {
    return find_id<ReferenceId>(impl_->k, VertexKind::reference, key);
}
std::optional<BandId> KnowledgeGraph::find_band(std::string_view key) const {
    return find_id<BandId>(impl_->k, VertexKind::band, key);
}
std::optional<LadderId> KnowledgeGraph::find_ladder(std::string_view key) const {
    return find_id<LadderId>(impl_->k, VertexKind::ladder, key);
}

std::vector<ConditionId> KnowledgeGraph::conditions_for_code(std::string_view code) const {
    std::vector<ConditionId> out;
    for (const auto& c : impl_->k.codes)
        if (c.code == code) out.push_back(c.condition);
    return sorted_ids(std::move(out));
}

std::vector<ExerciseId> KnowledgeGraph::exercises_working(MuscleId m, bool primary_only) const {
    std::vector<ExerciseId> out;
    impl_->each_in(impl_->vertex(VertexKind::muscle, m.value), Relation::works,
                   [&](Vertex v, const EdgeProps& e) {
                       if (e.primary || !primary_only) out.emplace_back(impl_->index_of(v));
                   });
    return sorted_ids(std::move(out));
}

std::vector<ExerciseId> KnowledgeGraph::exercises_loading(MovementId m, unsigned contraction_mask) const {
    std::vector<ExerciseId> out;
    impl_->each_in(impl_->vertex(VertexKind::movement, m.value), Relation::performs,
                   [&](Vertex v, const EdgeProps& e) {
                       if (e.mask & contraction_mask) out.emplace_back(impl_->index_of(v));
                   });
    return sorted_ids(std::move(out));
}

std::vector<ExerciseId> KnowledgeGraph::progressions(ExerciseId e) const {
    std::vector<ExerciseId> out;
    impl_->each_out(impl_->vertex(VertexKind::exercise, e.value), Relation::progresses_to,
                    [&](Vertex v, const EdgeProps&) { out.emplace_back(impl_->index_of(v)); });
    return sorted_ids(std::move(out));
}

std::vector<ExerciseId> KnowledgeGraph::regressions(ExerciseId e) const {
    std::vector<ExerciseId> out;
    impl_->each_in(impl_->vertex(VertexKind::exercise, e.value), Relation::progresses_to,
                   [&](Vertex v, const EdgeProps&) { out.emplace_back(impl_->index_of(v)); });
    return sorted_ids(std::move(out));
}

std::vector<ExerciseId> KnowledgeGraph::chain_after(ExerciseId e) const { return impl_->reach(e, true); }
std::vector<ExerciseId> KnowledgeGraph::chain_before(ExerciseId e) const { return impl_->reach(e, false); }

std::vector<ExerciseId> KnowledgeGraph::exercises_for(Stage s, const std::vector<EquipmentId>& equipment,
                                                      const std::vector<PositionId>& positions) const {
    std::vector<bool> have_equipment(impl_->k.equipment.size()), have_position(impl_->k.positions.size());
    for (auto q : equipment)
        if (q.value < have_equipment.size()) have_equipment[q.value] = true;
    for (auto p : positions)
        if (p.value < have_position.size()) have_position[p.value] = true;
    std::vector<ExerciseId> out;
    for (const auto& e : impl_->k.exercises) {
        if (!e.in_stage(s)) continue;
        Vertex v = impl_->vertex(VertexKind::exercise, e.id.value);
        bool ok = true;
        impl_->each_out(v, Relation::needs,
                        [&](Vertex q, const EdgeProps&) { ok = ok && have_equipment[impl_->index_of(q)]; });
        impl_->each_out(v, Relation::in_position,
                        [&](Vertex p, const EdgeProps&) { ok = ok && have_position[impl_->index_of(p)]; });
        if (ok) out.push_back(e.id);
    }
    return out;
}

std::vector<MuscleId> KnowledgeGraph::condition_muscles(ConditionId c) const {
    std::vector<MuscleId> out;
    impl_->each_out(impl_->vertex(VertexKind::condition, c.value), Relation::involves,
                    [&](Vertex v, const EdgeProps&) { out.emplace_back(impl_->index_of(v)); });
    return sorted_ids(std::move(out));
}

std::vector<MovementId> KnowledgeGraph::condition_movements(ConditionId c) const {
    std::vector<MovementId> out;
    impl_->each_out(impl_->vertex(VertexKind::condition, c.value), Relation::provoked_by,
                    [&](Vertex v, const EdgeProps&) { out.emplace_back(impl_->index_of(v)); });
    return sorted_ids(std::move(out));
}

std::vector<MovementId> KnowledgeGraph::muscle_actions(MuscleId m) const {
    std::vector<MovementId> out;
    impl_->each_out(impl_->vertex(VertexKind::muscle, m.value), Relation::produces,
                    [&](Vertex v, const EdgeProps&) { out.emplace_back(impl_->index_of(v)); });
    return sorted_ids(std::move(out));
}

}  // namespace rehab
