// The service's routes: one table (method, path pattern, OpenAPI path, metrics label, whether it
// needs authentication and a JSON body) from which routing, 404/405, the checks made before a body
// is read, and the OpenAPI test all derive; and the functions that install the handlers.
#pragma once
#include <spdlog/logger.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "server/engine_store.hpp"
#include "server/hooks.hpp"
#include "server/http/http_server.hpp"
#include "server/metrics.hpp"

namespace rehab::server {

struct RouteSpec {
    std::string method, pattern;  // pattern: an httplib (std::regex) path pattern
    std::string openapi_path;     // "/v1/knowledge/{kind}"
    std::string label;            // the metrics and audit label (bounded: one per route)
    bool authenticated = false;   // /v1 and admin routes: the authenticator is asked
    bool json_body = false;       // POST routes: application/json, at most max_body bytes
};

const std::vector<RouteSpec>& route_table();

// What the handlers share: the engine, the counters, the hooks and the reload action.
struct ServiceState {
    EngineStore& store;
    Metrics& metrics;
    Authenticator authenticator;  // empty: every request is let in
    AuditSink audit;              // empty: no audit
    std::function<ReloadResult()> reload;
    std::size_t max_body = 1 << 20;
    std::chrono::milliseconds body_timeout{30'000};
    std::shared_ptr<spdlog::logger> access_log;  // null: no access log
    FeedbackStore feedback;                      // empty: /v1/feedback answers 501
};

// The route whose OpenAPI path matches `path` for `method`; `path_known` tells 404 from 405.
const RouteSpec* match_route(const std::string& method, const std::string& path, bool& path_known,
                             std::string& allow);

// Route matching, 404/405, authentication, 413/415 and the body deadline, before any body is read;
// JSON bodies for every error; the access log, metrics and audit after each response.
void install_request_pipeline(HttpServer& http, ServiceState& s);
void install_api_routes(httplib::Server& http, ServiceState& s);        // recommend, explain
void install_knowledge_routes(httplib::Server& http, ServiceState& s);  // /v1/knowledge/...
void install_ops_routes(httplib::Server& http, ServiceState& s);        // health, metrics, openapi, reload
void install_feedback_routes(httplib::Server& http, ServiceState& s);   // POST and GET /v1/feedback
void install_web_routes(httplib::Server& http, ServiceState& s);        // the clinician's page: /, /app/*

}  // namespace rehab::server
