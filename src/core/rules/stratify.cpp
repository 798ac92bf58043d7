// The rule dependency graph over facts (Boost.Graph): an edge from each fact a rule reads to each
// fact it derives. Strongly connected components reveal cycles among derived facts (RL008); a
// topological order gives each fact its level, and so each rule its stratum.
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/graph/topological_sort.hpp>
#include <map>

#include "core/rules/rule_set.hpp"

namespace rehab {

std::vector<int> stratify_facts(const FactSchema& schema, const std::vector<CompiledRule>& rules,
                                Diagnostics& diags) {
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    const std::size_t n = schema.size();
    Graph g(n);
    std::map<std::pair<FactSlot, FactSlot>, const CompiledRule*> edge_rule;
    for (const auto& r : rules)
        for (const auto& a : r.actions)
            if (a.kind == ActionKind::derive)
                for (FactSlot read : r.when.reads) {
                    if (!edge_rule.count({read, a.fact})) boost::add_edge(read, a.fact, g);
                    edge_rule.emplace(std::make_pair(read, a.fact), &r);
                }

    std::vector<int> component(n);
    int count = boost::strong_components(g, component.data());
    std::vector<std::vector<FactSlot>> members(static_cast<std::size_t>(count));
    for (FactSlot s = 0; s < n; ++s) members[static_cast<std::size_t>(component[s])].push_back(s);
    bool cyclic = false;
    for (const auto& m : members) {
        bool self_loop = m.size() == 1 && edge_rule.count({m[0], m[0]});
        if (m.size() < 2 && !self_loop) continue;
        cyclic = true;
        std::string facts, via;
        const CompiledRule* where = nullptr;
        for (auto s : m) facts += (facts.empty() ? "" : " -> ") + schema.fact(s).name;
        for (auto x : m)
            for (auto y : m)
                if (auto it = edge_rule.find({x, y}); it != edge_rule.end()) {
                    via += (via.empty() ? "" : ", ") + it->second->id;
                    if (!where) where = it->second;
                }
        diags.error("RL008", where ? where->origin : Location{},
                    "derived facts depend on each other in a cycle: " + facts + " (rules " + via + ")",
                    "a derived fact cannot be read by the rules that derive it");
    }
    if (cyclic) return {};

    std::vector<std::size_t> order;
    boost::topological_sort(g, std::back_inserter(order));
    std::reverse(order.begin(), order.end());
    std::vector<int> level(n, 0);
    for (FactSlot s = 0; s < n; ++s) level[s] = schema.fact(s).derived ? 1 : 0;  // after every input
    for (std::size_t v : order) {
        auto [begin, end] = boost::out_edges(v, g);
        for (auto e = begin; e != end; ++e) {
            auto t = boost::target(*e, g);
            level[t] = std::max(level[t], level[v] + 1);
        }
    }
    return level;
}

}  // namespace rehab
