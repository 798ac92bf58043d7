// The route table and the matcher: OpenAPI paths are the routing truth ("{name}" matches one path
// segment); the httplib patterns are derived from them. Earlier entries win (ladders before {kind}).
#include <string_view>

#include "server/routes/routes.hpp"

namespace rehab::server {

namespace {

RouteSpec route(const char* method, const char* path, bool authenticated, bool json_body) {
    RouteSpec r;
    r.method = method;
    r.openapi_path = path;
    r.label = path;
    r.authenticated = authenticated;
    r.json_body = json_body;
    std::string pattern;
    for (std::size_t i = 0; path[i];) {
        if (path[i] == '{') {
            pattern += "([^/]+)";
            while (path[i] && path[i] != '}') ++i;
            if (path[i]) ++i;
        } else {
            if (path[i] == '.') pattern += '\\';
            pattern += path[i++];
        }
    }
    r.pattern = pattern;
    return r;
}

bool segments_match(std::string_view spec, std::string_view path) {
    while (!spec.empty() && !path.empty()) {
        const auto s_end = spec.find('/', 1), p_end = path.find('/', 1);
        const std::string_view s = spec.substr(0, s_end), p = path.substr(0, p_end);
        const bool variable = s.size() > 2 && s[1] == '{';
        if (variable ? p.size() < 2 : s != p) return false;
        spec = s_end == std::string_view::npos ? std::string_view{} : spec.substr(s_end);
        path = p_end == std::string_view::npos ? std::string_view{} : path.substr(p_end);
    }
    return spec.empty() && path.empty();
}

}  // namespace

const std::vector<RouteSpec>& route_table() {
    static const std::vector<RouteSpec> table{
        route("POST", "/v1/recommend", true, true),
        route("POST", "/v1/explain", true, true),
        route("GET", "/v1/knowledge", true, false),
        route("GET", "/v1/knowledge/ladders", true, false),
        route("GET", "/v1/knowledge/exercises/{id}", true, false),
        route("GET", "/v1/knowledge/{kind}", true, false),
        route("GET", "/v1/openapi.json", true, false),
        route("POST", "/v1/admin/reload", true, false),
        route("POST", "/v1/feedback", true, true),
        route("GET", "/v1/feedback", true, false),
        route("GET", "/healthz", false, false),
        route("GET", "/readyz", false, false),
        route("GET", "/metrics", false, false),
        route("GET", "/", false, false),
        route("GET", "/app/{file}", false, false),
    };
    return table;
}

const RouteSpec* match_route(const std::string& method, const std::string& path, bool& path_known,
                             std::string& allow) {
    const RouteSpec* found = nullptr;
    path_known = false;
    for (const auto& r : route_table()) {
        if (!segments_match(r.openapi_path, path)) continue;
        if (!path_known || allow.find(r.method) == std::string::npos)
            allow += (allow.empty() ? "" : ", ") + r.method;
        path_known = true;
        if (!found && (r.method == method || (method == "HEAD" && r.method == "GET"))) found = &r;
    }
    return found;
}

}  // namespace rehab::server
