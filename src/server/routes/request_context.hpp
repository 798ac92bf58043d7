// Per-request state on the worker thread serving it (id, start, route, the engine snapshot it is
// answered with, who was let in), and the helpers every handler uses to answer: JSON error bodies
// with the CLI's diagnostics shape, the version headers, request ids and SHA-256 hashes.
#pragma once
#include <httplib.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/base/diagnostic.hpp"
#include "core/recommend/recommender.hpp"

namespace rehab::server {

struct RouteSpec;

struct RequestContext {
    std::string id;
    std::chrono::steady_clock::time_point start;
    const RouteSpec* route = nullptr;  // null: no route matched (or the request never got that far)
    std::shared_ptr<const Recommender> engine;
    std::string subject;
    bool started = false;
    bool counted = false;  // counted in the in-flight gauge

    static RequestContext& current();  // this thread's
    void reset();
};

inline constexpr const char* error_format = "rehab.error/1";

// An id from X-Request-Id when it is short and plain ([A-Za-z0-9._-], 1-64), else a fresh one.
std::string request_id_from(const std::string& header);
std::string sha256_hex(std::string_view bytes);

// {"format":"rehab.error/1","status":s,"request_id":...,"knowledge":...,"rules":...,"error":[...]}.
std::string error_body(int status, const Diagnostics& d);
void send_error(httplib::Response& res, int status, const Diagnostics& d);
void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                const std::string& pointer = "", const std::string& hint = "");
// X-Request-Id, X-Rehab-Knowledge and X-Rehab-Rules ("version hash" of the data that answered).
void set_standard_headers(httplib::Response& res, const RequestContext& ctx);

}  // namespace rehab::server
