// Unit tests of the service's parts that need no socket: the route table against the OpenAPI
// document (both ways), route matching (404 vs 405), the Prometheus text of the metrics, the
// engine store's keep-the-old-engine reload, the loopback policy, the feedback body reader (its
// closed lists against the document's enums) and the page's compiled-in files.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "../support/bundled.hpp"
#include "../support/temp_dir.hpp"
#include "server/engine_store.hpp"
#include "server/metrics.hpp"
#include "server/routes/feedback_request.hpp"
#include "server/routes/openapi.hpp"
#include "server/routes/routes.hpp"
#include "server/routes/web_assets.hpp"
#include "server/service.hpp"

using namespace rehab;

TEST_CASE("server: every route is in the OpenAPI document and every documented operation is a route",
          "[server]") {
    const auto doc = nlohmann::json::parse(server::openapi_document());
    CHECK(doc["openapi"] == "3.1.0");
    std::set<std::pair<std::string, std::string>> table, documented;
    for (const auto& r : server::route_table()) {
        std::string m = r.method;
        for (auto& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        table.insert({r.openapi_path, m});
    }
    for (const auto& [path, item] : doc["paths"].items())
        for (const auto& [method, op] : item.items()) documented.insert({path, method});
    CHECK(table == documented);
}

TEST_CASE("server: routes match by path segment - a known path with another method is 405", "[server]") {
    bool known = false;
    std::string allow;
    const auto* r = server::match_route("GET", "/v1/knowledge/ladders", known, allow);
    REQUIRE(r);
    CHECK(r->openapi_path == "/v1/knowledge/ladders");
    allow.clear();
    r = server::match_route("GET", "/v1/knowledge/red-flags", known, allow);
    REQUIRE(r);
    CHECK(r->openapi_path == "/v1/knowledge/{kind}");
    allow.clear();
    CHECK(server::match_route("GET", "/v1/knowledge/exercises/bridge", known, allow)->openapi_path ==
          "/v1/knowledge/exercises/{id}");
    allow.clear();
    CHECK_FALSE(server::match_route("GET", "/v1/recommend", known, allow));
    CHECK(known);
    CHECK(allow == "POST");
    allow.clear();
    CHECK_FALSE(server::match_route("GET", "/v1/recommend/extra", known, allow));
    CHECK_FALSE(known);
    allow.clear();
    CHECK_FALSE(server::match_route("GET", "/v1/knowledge/", known, allow));
    CHECK_FALSE(known);
}

TEST_CASE("server: metrics are Prometheus text with a cumulative histogram", "[server]") {
    server::Metrics m;
    m.request_done("/v1/recommend", 200, 0.0004);
    m.request_done("/v1/recommend", 200, 0.003);
    m.request_done("/v1/recommend", 400, 7.0);
    m.rejected();
    m.reload(false);
    const std::string t = m.text("knowledge_version=\"1\",rules_version=\"2\"");
    CHECK_THAT(t, Catch::Contains("rehab_http_requests_total{route=\"/v1/recommend\",status=\"200\"} 2\n"));
    CHECK_THAT(t, Catch::Contains("rehab_http_requests_total{route=\"/v1/recommend\",status=\"400\"} 1\n"));
    CHECK_THAT(t,
               Catch::Contains(
                   "rehab_http_request_duration_seconds_bucket{route=\"/v1/recommend\",le=\"0.0005\"} 1\n"));
    CHECK_THAT(t,
               Catch::Contains(
                   "rehab_http_request_duration_seconds_bucket{route=\"/v1/recommend\",le=\"0.005\"} 2\n"));
    CHECK_THAT(t, Catch::Contains(
                      "rehab_http_request_duration_seconds_bucket{route=\"/v1/recommend\",le=\"5\"} 2\n"));
    CHECK_THAT(t, Catch::Contains(
                      "rehab_http_request_duration_seconds_bucket{route=\"/v1/recommend\",le=\"+Inf\"} 3\n"));
    CHECK_THAT(t, Catch::Contains("rehab_http_request_duration_seconds_count{route=\"/v1/recommend\"} 3\n"));
    CHECK_THAT(t, Catch::Contains("# TYPE rehab_http_request_duration_seconds histogram\n"));
    CHECK_THAT(t, Catch::Contains("rehab_http_rejected_total 1\n"));
    CHECK_THAT(t, Catch::Contains("rehab_reloads_total{result=\"failed\"} 1\n"));
    CHECK_THAT(t, Catch::Contains("rehab_data_info{knowledge_version=\"1\",rules_version=\"2\"} 1\n"));
}

TEST_CASE("server: a reload that fails keeps the engine being served and says why", "[server]") {
    test::TempDir dir("engine-store");
    namespace fs = std::filesystem;
    fs::copy(test::knowledge_dir(), dir.file("knowledge"), fs::copy_options::recursive);
    fs::copy(test::rules_dir(), dir.file("rules"), fs::copy_options::recursive);
    server::EngineStore store(dir.file("knowledge"), dir.file("rules"));
    CHECK_FALSE(store.current());
    REQUIRE(store.reload().ok);
    const auto first = store.current();
    REQUIRE(first);
    dir.write("rules/safety.json", "{ \"rules\": [");
    const auto failed = store.reload();
    CHECK_FALSE(failed.ok);
    CHECK(failed.diagnostics.has_errors());
    CHECK(store.current() == first);  // the same object: in-flight and new requests use the old engine
    CHECK_THAT(store.last_error(), Catch::Contains("safety.json"));
}

TEST_CASE("server: only loopback addresses may be served without authentication", "[server]") {
    CHECK(server::is_loopback("127.0.0.1"));
    CHECK(server::is_loopback("127.1.2.3"));
    CHECK(server::is_loopback("::1"));
    CHECK(server::is_loopback("localhost"));
    CHECK_FALSE(server::is_loopback("0.0.0.0"));
    CHECK_FALSE(server::is_loopback("10.0.0.1"));
    CHECK_FALSE(server::is_loopback("::"));
    server::ServiceOptions o;
    o.host = "0.0.0.0";
    o.port = 0;
    o.knowledge_dir = test::knowledge_dir();
    o.rules_dir = test::rules_dir();
    server::Service refused(o);
    Diagnostics d;
    CHECK_FALSE(refused.start(d));
    REQUIRE(d.has_errors());
    CHECK(d.items().front().code == "SV020");
    server::Service with_auth(o, [](std::string_view) { return server::Admission{true, "test"}; });
    Diagnostics d2;
    CHECK(with_auth.start(d2));
    with_auth.stop();
}

TEST_CASE("server: the feedback verdicts and reason codes are the OpenAPI document's enums", "[server]") {
    const auto doc = nlohmann::json::parse(server::openapi_document());
    const auto& schemas = doc["components"]["schemas"];
    CHECK(schemas["FeedbackVerdict"]["enum"].get<std::vector<std::string>>() == server::feedback_verdicts());
    CHECK(schemas["FeedbackReason"]["enum"].get<std::vector<std::string>>() == server::feedback_reasons());
    CHECK(schemas["FeedbackItem"]["properties"]["comment"]["maxLength"] ==
          server::max_feedback_comment_bytes);
    CHECK(schemas["FeedbackRequest"]["properties"]["items"]["maxItems"] == server::max_feedback_items);
}

TEST_CASE("server: a feedback body is read with every problem at once", "[server]") {
    server::EngineStore store(test::knowledge_dir(), test::rules_dir());
    REQUIRE(store.reload().ok);
    const auto engine = store.current();
    Diagnostics d;
    const auto ok = server::read_feedback(
        R"({"request_id": "r-1", "items": [{"exercise": "bridge", "verdict": "modified",
            "reason": "dose_adjusted", "comment": "3 x 8"}]})",
        engine->knowledge(), d);
    REQUIRE(ok);
    CHECK(ok->request_id == "r-1");
    REQUIRE(ok->items.size() == 1);
    CHECK(ok->items[0].reason == "dose_adjusted");
    CHECK(ok->items[0].comment == "3 x 8");
    Diagnostics bad;
    CHECK_FALSE(server::read_feedback(
        R"({"items": [{"exercise": "bridg", "verdict": "rejected"}, {"exercise": "bridge", "verdict": "maybe"}]})",
        engine->knowledge(), bad));
    std::set<std::pair<std::string, std::string>> got;
    for (const auto& i : bad.items()) got.insert({i.code, i.location.pointer});
    const std::set<std::pair<std::string, std::string>> want{{"FB003", ""},
                                                             {"FB005", "/items/0/exercise"},
                                                             {"FB003", "/items/0/reason"},
                                                             {"FB007", "/items/1/verdict"}};
    CHECK(got == want);
}

TEST_CASE("server: the page's files are compiled in, each with its media type, an ETag and a strict policy",
          "[server]") {
    REQUIRE(server::find_web_asset("index.html"));
    REQUIRE(server::find_web_asset("main.js"));
    CHECK_FALSE(server::find_web_asset("no-such-file.js"));
    for (const auto& a : server::web_assets()) {
        INFO(a.name);
        CHECK_FALSE(a.bytes.empty());
        CHECK(a.etag.size() == 22);
        CHECK(a.etag.front() == '"');
        const bool known =
            a.content_type.starts_with("text/html") || a.content_type.starts_with("text/css") ||
            a.content_type.starts_with("text/javascript") || a.content_type.starts_with("image/");
        CHECK(known);
        const std::string_view csp = server::content_security_policy(a.name);
        CHECK(csp.find("script-src 'self';") != std::string_view::npos);
        CHECK(csp.find("default-src 'none'") != std::string_view::npos);
    }
    CHECK(server::content_security_policy("index.html").find("unsafe") == std::string_view::npos);
}
