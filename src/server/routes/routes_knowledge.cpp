// GET /v1/knowledge/...: the ids a form or an integrator needs to build a valid profile, as
// `rehab kb list KIND --format json` prints them (the same bytes), one exercise, and the ladders.
#include "io/render/knowledge/exercise_json.hpp"
#include "io/render/knowledge/knowledge_list.hpp"
#include "server/routes/request_context.hpp"
#include "server/routes/routes.hpp"

namespace rehab::server {

namespace {

const KnowledgeGraph& knowledge() { return RequestContext::current().engine->knowledge(); }

void list_all(const httplib::Request&, httplib::Response& res) {
    res.set_content(io::knowledge_list_json(knowledge(), std::nullopt), "application/json");
}

void list_kind(const httplib::Request& req, httplib::Response& res) {
    const std::string name = req.matches[1];
    const auto kind = io::knowledge_kind_from(name);
    if (!kind) {
        const std::string near = nearest_name(name, io::knowledge_kind_names());
        send_error(res, 404, "SV404", "no knowledge kind '" + name + "'", "",
                   near.empty() ? "" : "did you mean '" + near + "'?");
        return;
    }
    res.set_content(io::knowledge_list_json(knowledge(), kind), "application/json");
}

void exercise(const httplib::Request& req, httplib::Response& res) {
    const KnowledgeGraph& kg = knowledge();
    const std::string key = req.matches[1];
    const auto id = kg.find_exercise(key);
    if (!id) {
        std::vector<std::string> keys;
        for (const auto& e : kg.exercises()) keys.push_back(e.key);
        const std::string near = nearest_name(key, keys);
        send_error(res, 404, "SV404", "no exercise '" + key + "'", "",
                   near.empty() ? "" : "did you mean '" + near + "'?");
        return;
    }
    res.set_content(io::exercise_to_json(kg, *id), "application/json");
}

void ladders(const httplib::Request&, httplib::Response& res) {
    res.set_content(io::ladders_to_json(knowledge()), "application/json");
}

}  // namespace

void install_knowledge_routes(httplib::Server& http, ServiceState&) {
    http.Get("/v1/knowledge", list_all);
    http.Get("/v1/knowledge/ladders", ladders);
    http.Get("/v1/knowledge/exercises/([^/]+)", exercise);
    http.Get("/v1/knowledge/([^/]+)", list_kind);
}

}  // namespace rehab::server
