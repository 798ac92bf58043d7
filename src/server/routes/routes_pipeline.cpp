// What happens around every handler: before the body is read, the route is matched (404, 405 with
// Allow), the authenticator asked (401), the body's size and type checked (413, 415) and the body
// deadline set; after the response, one access-log line, the metrics and the audit record.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "server/http/connection_stream.hpp"
#include "server/routes/request_context.hpp"
#include "server/routes/routes.hpp"

namespace rehab::server {

namespace {

using Clock = std::chrono::steady_clock;

std::string media_type(const std::string& content_type) {
    std::string t = content_type.substr(0, content_type.find(';'));
    t.erase(std::remove_if(t.begin(), t.end(), [](unsigned char c) { return std::isspace(c); }), t.end());
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
    return t;
}

bool has_body(const httplib::Request& req) {
    return req.has_header("Transfer-Encoding") || req.get_header_value<std::uint64_t>("Content-Length") > 0;
}

// An answer made before the body was read: the connection closes after it (lingering).
httplib::Server::HandlerResponse early(const httplib::Request& req) {
    if (auto* strm = ConnectionStream::current(); strm && has_body(req)) strm->close_after_response();
    return httplib::Server::HandlerResponse::Handled;
}

httplib::Server::HandlerResponse before_body(ServiceState& s, const httplib::Request& req,
                                             httplib::Response& res) {
    RequestContext& ctx = RequestContext::current();
    ctx.started = true;
    ctx.start = Clock::now();
    ctx.id = request_id_from(req.get_header_value("X-Request-Id"));
    ctx.engine = s.store.current();
    ctx.counted = true;
    ++s.metrics.in_flight();
    set_standard_headers(res, ctx);
    bool known = false;
    std::string allow;
    ctx.route = match_route(req.method, req.path, known, allow);
    if (!ctx.route && !known) {
        send_error(res, 404, "SV404", "no route " + req.path + " (see /v1/openapi.json)");
        return early(req);
    }
    if (!ctx.route) {
        res.set_header("Allow", allow);
        send_error(res, 405, "SV405",
                   "method " + req.method + " is not allowed on " + req.path + ", only " + allow);
        return early(req);
    }
    if (ctx.route->authenticated && s.authenticator) {
        const Admission d = s.authenticator(req.get_header_value("Authorization"));
        if (!d.allowed) {
            res.set_header("WWW-Authenticate", "Bearer");
            send_error(res, 401, "SV401", "unauthorized");
            return early(req);
        }
        ctx.subject = d.subject;
    }
    if (ctx.route->json_body) {
        if (req.get_header_value<std::uint64_t>("Content-Length") > s.max_body) {
            send_error(res, 413, "SV413",
                       "the body is over the limit of " + std::to_string(s.max_body) + " bytes");
            return early(req);
        }
        if (media_type(req.get_header_value("Content-Type")) != "application/json") {
            send_error(
                res, 415, "SV415",
                "the body must be application/json, found '" + req.get_header_value("Content-Type") + "'");
            return early(req);
        }
    }
    if (auto* strm = ConnectionStream::current()) {
        strm->set_deadline(Clock::now() + s.body_timeout);
        // The decoded body may be max_body (checked by the handlers); chunk framing gets a margin.
        strm->limit_reads(ctx.route->json_body ? s.max_body + s.max_body / 4 + (64 << 10) : 0, true);
    }
    return httplib::Server::HandlerResponse::Unhandled;
}

// Errors httplib made itself (a malformed request, a body over the limit or too slow) get the
// same JSON body as ours, and close the connection.
void httplib_error(ServiceState& s, httplib::Response& res) {
    RequestContext& ctx = RequestContext::current();
    auto* strm = ConnectionStream::current();
    if (strm && strm->timed_out() && res.status == 400) res.status = 408;
    if (strm && strm->over_limit() && res.status == 400) res.status = strm->in_body() ? 413 : 431;
    if (ctx.id.empty()) ctx.id = request_id_from("");
    if (!ctx.engine) ctx.engine = s.store.current();
    if (!res.has_header("X-Request-Id")) set_standard_headers(res, ctx);
    if (!res.body.empty()) return;
    if (strm) strm->close_after_response();
    if (res.status == 413)
        send_error(res, 413, "SV413",
                   "the body is over the limit of " + std::to_string(s.max_body) + " bytes");
    else if (res.status == 431)
        send_error(res, 431, "SV431", "the request line and headers are over the limit of 64 KiB");
    else if (res.status == 408)
        send_error(res, 408, "SV408", "the request was not received in time");
    else if (res.status == 404)
        send_error(res, 404, "SV404", "not found");
    else
        send_error(res, res.status, "SV400", "malformed HTTP request");
}

void after_response(ServiceState& s, const httplib::Request& req, const httplib::Response& res) {
    RequestContext& ctx = RequestContext::current();
    const double seconds = std::chrono::duration<double>(Clock::now() - ctx.start).count();
    const std::string label = ctx.route ? ctx.route->label : "other";
    s.metrics.request_done(label, res.status, seconds);
    if (ctx.counted) --s.metrics.in_flight();
    ctx.counted = false;
    const std::string kv = ctx.engine ? ctx.engine->knowledge().version() : "-";
    const std::string rv = ctx.engine ? ctx.engine->rules().version() : "-";
    if (s.access_log)
        s.access_log->info("id={} method={} route={} status={} ms={:.3f} knowledge={} rules={} subject={}",
                           ctx.id, req.method, label, res.status, seconds * 1000, kv, rv,
                           ctx.subject.empty() ? "-" : ctx.subject);
    if (!s.audit || !ctx.route || !ctx.route->authenticated) return;
    AuditEvent a;
    a.request_id = ctx.id;
    a.time_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
    if (ctx.engine) {
        a.knowledge_version = kv;
        a.knowledge_hash = ctx.engine->knowledge().content_hash();
        a.rules_version = rv;
        a.rules_hash = ctx.engine->rules().content_hash();
    }
    if (!req.body.empty()) a.profile_hash = sha256_hex(req.body);
    if (ctx.route->json_body && res.status == 200) a.programme_hash = sha256_hex(res.body);
    a.route = label;
    a.status = res.status;
    s.audit(a);
}

}  // namespace

void install_request_pipeline(HttpServer& http, ServiceState& s) {
    http.on_request_boundary = [&s] {
        RequestContext& ctx = RequestContext::current();
        if (ctx.counted) --s.metrics.in_flight();
        ctx.reset();
    };
    http.set_pre_routing_handler(
        [&s](const httplib::Request& req, httplib::Response& res) { return before_body(s, req, res); });
    http.set_error_handler(
        httplib::Server::HandlerWithResponse([&s](const httplib::Request&, httplib::Response& res) {
            httplib_error(s, res);
            return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            spdlog::error("id={} internal error: {}", RequestContext::current().id, e.what());
        } catch (...) {
            spdlog::error("id={} internal error", RequestContext::current().id);
        }
        send_error(res, 500, "SV500", "internal error");
    });
    http.set_logger(
        [&s](const httplib::Request& req, const httplib::Response& res) { after_response(s, req, res); });
}

}  // namespace rehab::server
