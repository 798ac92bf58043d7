// `rehab kb ...`: check a knowledge folder (all problems at once), show an exercise card, and
// draw the graph as Graphviz DOT. Exit codes: 0 ok, 2 the knowledge or the request is invalid.
#include <iostream>
#include <memory>

#include "app/command.hpp"
#include "io/file/atomic_file.hpp"
#include "io/load/knowledge_loader.hpp"
#include "io/render/knowledge/entity_card.hpp"
#include "io/render/knowledge/exercise_card.hpp"
#include "io/render/knowledge/knowledge_dot.hpp"
#include "io/render/knowledge/knowledge_list.hpp"

namespace rehab::app {

namespace {

std::size_t warning_count(const Diagnostics& d) { return d.warning_count(); }

int run_check(const std::string& dir) {
    Diagnostics diags;
    auto kg = io::load_knowledge(dir, diags);
    print_diagnostics(diags);
    if (!kg) {
        std::cerr << "rehab: error: kb check: the knowledge in " << dir << " has errors (above)\n";
        return bad_input;
    }
    std::cout << "knowledge OK: " << kg->exercise_count() << " exercises, " << kg->muscles().size()
              << " muscles, " << kg->movements().size() << " movements, " << kg->conditions().size()
              << " conditions, " << kg->red_flags().size() << " red flags, " << kg->equipment().size()
              << " equipment, " << kg->positions().size() << " positions, " << kg->bands().size()
              << " bands, " << kg->references().size() << " references, " << kg->codes().size() << " codes ("
              << kg->name() << " version " << kg->version() << ", hash " << kg->content_hash() << "), "
              << warning_count(diags) << " warning(s)\n";
    return ok;
}

// Loads the knowledge; on errors prints them and returns null.
std::shared_ptr<const KnowledgeGraph> load_or_report(const std::string& dir) {
    Diagnostics diags;
    auto kg = io::load_knowledge(dir.empty() ? default_knowledge_dir() : dir, diags);
    if (!kg) print_diagnostics(diags);
    return kg;
}

int run_show(const std::string& id, const std::string& dir) {
    auto kg = load_or_report(dir);
    if (!kg) return bad_input;
    if (auto e = kg->find_exercise(id)) {
        std::cout << io::render_exercise_card(*kg, *e);
        return ok;
    }
    if (const std::string cards = io::render_entity_cards(*kg, id); !cards.empty()) {
        std::cout << cards;
        return ok;
    }
    std::vector<std::string> keys;
    for (const auto& x : kg->exercises()) keys.push_back(x.key);
    for (const auto& x : kg->conditions()) keys.push_back(x.key);
    for (const auto& x : kg->red_flags()) keys.push_back(x.key);
    for (const auto& x : kg->bands()) keys.push_back(x.key);
    for (const auto& x : kg->ladders()) keys.push_back(x.key);
    for (const auto* table :
         {&kg->movements(), &kg->muscles(), &kg->equipment(), &kg->positions(), &kg->references()})
        for (const auto& x : *table) keys.push_back(x.key);
    auto near = nearest_name(id, keys);
    std::cerr << "rehab: error: no exercise, condition, movement, muscle, equipment, position, red flag, "
                 "band, ladder or "
                 "reference is called '"
              << id << "'" << (near.empty() ? "" : " (did you mean '" + near + "'?)")
              << "\nrehab kb list shows every id.\n";
    return bad_input;
}

int run_list(const std::string& kind_name, const std::string& format, const std::string& dir) {
    std::optional<io::KnowledgeKind> kind;
    if (!kind_name.empty() && !(kind = io::knowledge_kind_from(kind_name))) {
        const auto near = nearest_name(kind_name, io::knowledge_kind_names());
        std::string all;
        for (const auto& k : io::knowledge_kind_names()) all += (all.empty() ? "" : ", ") + k;
        std::cerr << "rehab: error: unknown kind '" << kind_name << "'"
                  << (near.empty() ? "" : "; did you mean '" + near + "'?") << " (one of " << all << ")\n";
        return usage;
    }
    auto kg = load_or_report(dir);
    if (!kg) return bad_input;
    std::cout << (format == "json" ? io::knowledge_list_json(*kg, kind) : io::knowledge_list_text(*kg, kind));
    return ok;
}

struct GraphOptions {
    std::string dir, out, condition, exercise;
};

int run_graph(const GraphOptions& o) {
    const std::string& out = o.out;
    if (!check_out(out)) return bad_input;
    auto kg = load_or_report(o.dir);
    if (!kg) return bad_input;
    io::DotFilter filter;
    auto unknown = [](const char* what, const std::string& id, std::vector<std::string> keys) {
        const auto near = nearest_name(id, keys);
        std::cerr << "rehab: error: unknown " << what << " '" << id << "'"
                  << (near.empty() ? "" : " (did you mean '" + near + "'?)") << "\n";
        return bad_input;
    };
    if (!o.condition.empty() && !(filter.condition = kg->find_condition(o.condition))) {
        std::vector<std::string> keys;
        for (const auto& c : kg->conditions()) keys.push_back(c.key);
        return unknown("condition", o.condition, keys);
    }
    if (!o.exercise.empty() && !(filter.exercise = kg->find_exercise(o.exercise))) {
        std::vector<std::string> keys;
        for (const auto& e : kg->exercises()) keys.push_back(e.key);
        return unknown("exercise", o.exercise, keys);
    }
    std::string dot = io::knowledge_to_dot(*kg, filter);
    Diagnostics diags;
    if (!io::write_file_atomic(out.empty() ? "-" : out, dot, diags, "IO001")) {
        print_diagnostics(diags);
        return bad_input;
    }
    return ok;
}

}  // namespace

void register_kb_commands(CLI::App& app, int& exit_code) {
    auto* kb = app.add_subcommand("kb", "Check, show and draw the exercise knowledge base");
    kb->require_subcommand(1);

    auto check_dir = std::make_shared<std::string>();
    auto* check = kb->add_subcommand("check", "Validate a knowledge folder and report every problem at once");
    check->add_option("DIR", *check_dir, "Knowledge folder (default: the bundled knowledge)");
    check->callback([check_dir, &exit_code] {
        exit_code = run_check(check_dir->empty() ? default_knowledge_dir() : *check_dir);
    });

    struct ListOptions {
        std::string kind, format = "text", dir;
    };
    auto list_opts = std::make_shared<ListOptions>();
    auto* list = kb->add_subcommand("list",
                                    "List the valid ids of one kind of entity, or of every kind\n"
                                    "  e.g. rehab kb list conditions --format json");
    list->add_option("KIND", list_opts->kind,
                     "exercises, conditions, movements, muscles, equipment, positions, "
                     "red-flags, bands, references, codes or ladders (default: all)");
    list->add_option("--format", list_opts->format, "text or json (default text)")
        ->check(CLI::IsMember({"text", "json"}));
    list->add_option("--knowledge", list_opts->dir, "Knowledge folder (default: the bundled knowledge)");
    list->callback([list_opts, &exit_code] {
        exit_code = run_list(list_opts->kind, list_opts->format, list_opts->dir);
    });

    auto show_id = std::make_shared<std::string>();
    auto show_dir = std::make_shared<std::string>();
    auto* show = kb->add_subcommand("show", "Print the card of one entity and what links to it");
    show->add_option("ID", *show_id,
                     "An exercise, condition, movement, muscle, equipment, position, red flag, band, ladder "
                     "or reference id, e.g. bridge, hip_adduction or adductor")
        ->required();
    show->add_option("--knowledge", *show_dir, "Knowledge folder (default: the bundled knowledge)");
    show->callback([show_id, show_dir, &exit_code] { exit_code = run_show(*show_id, *show_dir); });

    auto g = std::make_shared<GraphOptions>();
    auto* graph = kb->add_subcommand(
        "graph",
        "Write the knowledge graph as Graphviz DOT, with a legend (conditions, exercises, muscles, "
        "movements, equipment)");
    graph->add_option("--knowledge", g->dir, "Knowledge folder (default: the bundled knowledge)");
    graph->add_option("-o,--out", g->out, "Output file (default: standard output); written atomically");
    auto* by_condition =
        graph->add_option("--condition", g->condition,
                          "Only one condition: its tissues, key movement, the exercises for them and "
                          "its contraindications");
    graph
        ->add_option(
            "--exercise", g->exercise,
            "Only one exercise: its chain, muscles, movements, equipment and the conditions it serves")
        ->excludes(by_condition);
    graph->callback([g, &exit_code] { exit_code = run_graph(*g); });
}

}  // namespace rehab::app
