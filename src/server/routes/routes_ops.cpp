// Operations: /healthz (alive), /readyz (data loaded, with the versions and the last failed
// reload), /metrics (Prometheus text), /v1/openapi.json, and POST /v1/admin/reload (authenticated).
#include <nlohmann/json.hpp>

#include "io/render/diagnostics_json.hpp"
#include "server/routes/openapi.hpp"
#include "server/routes/request_context.hpp"
#include "server/routes/routes.hpp"

namespace rehab::server {

namespace {

using Json = nlohmann::ordered_json;

Json versions(const Recommender& r) {
    const KnowledgeGraph& kg = r.knowledge();
    return {{"knowledge", {{"name", kg.name()}, {"version", kg.version()}, {"hash", kg.content_hash()}}},
            {"rules", {{"version", r.rules().version()}, {"hash", r.rules().content_hash()}}}};
}

std::string dump(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

std::string label_value(std::string v) {
    std::string out;
    for (char c : v) out += (c == '"' || c == '\\' || c == '\n') ? '_' : c;
    return out;
}

}  // namespace

void install_ops_routes(httplib::Server& http, ServiceState& s) {
    http.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(dump(Json{{"status", "alive"}}), "application/json");
    });
    http.Get("/readyz", [&s](const httplib::Request&, httplib::Response& res) {
        const auto& engine = RequestContext::current().engine;
        Json doc{{"status", engine ? "ready" : "not ready"}};
        if (engine) doc.update(versions(*engine));
        if (const std::string e = s.store.last_error(); !e.empty()) doc["last_reload_error"] = e;
        res.status = engine ? 200 : 503;
        res.set_content(dump(doc), "application/json");
    });
    http.Get("/metrics", [&s](const httplib::Request&, httplib::Response& res) {
        const auto& engine = RequestContext::current().engine;
        std::string labels = "knowledge_version=\"-\",rules_version=\"-\"";
        if (engine)
            labels = "knowledge_version=\"" + label_value(engine->knowledge().version()) +
                     "\",rules_version=\"" + label_value(engine->rules().version()) + "\"";
        res.set_content(s.metrics.text(labels), "text/plain; version=0.0.4; charset=utf-8");
    });
    http.Get("/v1/openapi.json", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(openapi_document(), "application/json");
    });
    http.Post("/v1/admin/reload", [&s](const httplib::Request&, httplib::Response& res) {
        ReloadResult r = s.reload();
        if (!r.ok) {
            send_error(res, 422, r.diagnostics);  // the old data stays; the body says why
            return;
        }
        RequestContext::current().engine = s.store.current();
        set_standard_headers(res, RequestContext::current());
        Json doc{{"reloaded", true}};
        doc.update(versions(*RequestContext::current().engine));
        res.set_content(dump(doc), "application/json");
    });
}

}  // namespace rehab::server
