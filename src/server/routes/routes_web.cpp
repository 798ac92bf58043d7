// GET / and GET /app/{file}: the clinician's page compiled into the binary (web_assets.hpp), with its
// media type, an ETag (304 on If-None-Match), Cache-Control: no-cache (always revalidated) and the
// Content-Security-Policy; no authentication (the files hold no patient data; the API calls do).
#include <algorithm>
#include <string>
#include <vector>

#include "server/routes/request_context.hpp"
#include "server/routes/routes.hpp"
#include "server/routes/web_assets.hpp"

namespace rehab::server {

namespace {

constexpr std::string_view page_policy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
// The handout is the service's own HTML with an inline <style>: its viewer allows inline style only.
constexpr std::string_view viewer_policy =
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

bool etag_matches(const std::string& if_none_match, std::string_view etag) {
    if (if_none_match == "*") return true;
    return !if_none_match.empty() && if_none_match.find(etag) != std::string::npos;
}

void serve(const httplib::Request& req, httplib::Response& res, const WebAsset& a) {
    res.set_header("ETag", std::string(a.etag));
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Content-Security-Policy", std::string(content_security_policy(a.name)));
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    if (etag_matches(req.get_header_value("If-None-Match"), a.etag)) {
        res.status = 304;
        return;
    }
    res.set_content(std::string(a.bytes), std::string(a.content_type));
}

}  // namespace

const WebAsset* find_web_asset(std::string_view name) {
    for (const auto& a : web_assets())
        if (a.name == name) return &a;
    return nullptr;
}

std::string_view content_security_policy(std::string_view name) {
    return name == "handout.html" ? viewer_policy : page_policy;
}

void install_web_routes(httplib::Server& http, ServiceState&) {
    http.Get("/", [](const httplib::Request& req, httplib::Response& res) {
        if (const WebAsset* a = find_web_asset("index.html")) return serve(req, res, *a);
        send_error(res, 404, "SV404", "this build has no page (web/index.html)");
    });
    http.Get("/app/([^/]+)", [](const httplib::Request& req, httplib::Response& res) {
        const std::string name = req.matches[1];
        if (const WebAsset* a = find_web_asset(name)) return serve(req, res, *a);
        std::vector<std::string> names;
        for (const auto& a : web_assets()) names.emplace_back(a.name);
        const std::string near = nearest_name(name, names);
        send_error(res, 404, "SV404", "no page file '" + name + "'", "",
                   near.empty() ? "" : "did you mean '" + near + "'?");
    });
}

}  // namespace rehab::server
