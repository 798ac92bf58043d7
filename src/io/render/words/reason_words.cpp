// Words for the reason values of a recommendation (see reason_words.hpp): one function per kind of
// value, so that the same value reads the same in every output.
#include "io/render/words/reason_words.hpp"

#include <cctype>

namespace rehab::io {

namespace {

std::string lower(std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

}  // namespace

std::string not_chosen_text(const KnowledgeGraph& kg, const Evaluation& ev, const NotChosenItem& n) {
    switch (n.why) {
        case NotChosenWhy::same_job:
            return "does the same job as " + kg.exercise(n.same_job_as).name + ", already chosen";
        case NotChosenWhy::component_limit: {
            const Component c = kg.exercise(n.exercise).component;
            return "the limit of " + std::to_string(ev.per_component[static_cast<int>(c)].max) + " " +
                   to_string(c) + " exercise(s) was reached";
        }
        case NotChosenWhy::total_limit:
            return "the programme limit of " + std::to_string(ev.total.max) + " exercises was reached";
        case NotChosenWhy::ranked_below:
            return "ranked below the exercises chosen";
        case NotChosenWhy::not_preferred:
            if (n.score < 0)  // a precaution, or a rule that it does not serve the condition
                return "scored down for this patient (score " + std::to_string(static_cast<int>(n.score)) +
                       "): rehab explain names the rules";
            return "no rule preferred it for this patient (score " +
                   std::to_string(static_cast<int>(n.score)) + ")";
        case NotChosenWhy::kept_current:
            return "the current programme changes one step at a time and was full: not added at this "
                   "review";
        case NotChosenWhy::dropped:
            return "taken out of the current programme at this review (see its change)";
        case NotChosenWhy::not_considered:
            break;
    }
    return "it was not considered";
}

std::string graph_reason_text(const KnowledgeGraph& kg, const GraphReason& g) {
    const std::string condition = lower(kg.condition(g.condition).name);
    if (g.muscle.valid())
        return "works " + lower(kg.muscle(g.muscle).name) + " (primary), a tissue involved in " + condition;
    std::string how;
    for (int k = 0; k < contraction_count; ++k)
        if (g.contractions & (1u << k))
            how += (how.empty() ? "" : "/") + std::string(to_string(static_cast<Contraction>(k)));
    return "loads " + lower(kg.movement(g.movement).name) + " (" + how + "), the key movement of " +
           condition;
}

std::vector<std::string> graph_reason_texts(const KnowledgeGraph& kg, const std::vector<GraphReason>& g) {
    std::vector<std::string> out;
    for (const auto& x : g) out.push_back(graph_reason_text(kg, x));
    return out;
}

std::string precaution_text(const RuleSet& rules, ExerciseId e, const ItemPrecaution& p) {
    if (p.rule < 0) return rules.knowledge().exercise(e).precautions[p.index].reason;
    const CompiledRule& rule = rules.rule(static_cast<std::uint32_t>(p.rule));
    return rule.actions[p.index].text + " [" + rule.id + "]";
}

std::vector<std::string> precaution_texts(const RuleSet& rules, const ProgrammeItem& item) {
    std::vector<std::string> out;
    for (const auto& p : item.precautions) out.push_back(precaution_text(rules, item.exercise, p));
    return out;
}

}  // namespace rehab::io
