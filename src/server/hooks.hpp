// The two seams the service leaves for security and audit (src/server/security/ fills them): an
// authenticator asked for every /v1 route and the admin route, and an audit sink told once per
// request what was answered on which data (hashes and versions only, never patient text or tokens).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace rehab::server {

struct Admission {
    bool allowed = false;
    std::string subject;  // who was let in (for the access log; never the token itself)
};

// Called with the Authorization header ("" when absent). Refused: 401 without detail.
using Authenticator = std::function<Admission(std::string_view authorization_header)>;

struct AuditEvent {
    std::string request_id;
    std::int64_t time_ms = 0;  // Unix time of the request, milliseconds
    std::string knowledge_version, knowledge_hash, rules_version, rules_hash;
    std::string profile_hash;    // SHA-256 of the request body ("" when there was none)
    std::string programme_hash;  // SHA-256 of the response body for recommend/explain ("" otherwise)
    std::string route;           // the route pattern, e.g. "/v1/recommend"
    int status = 0;
};

// Called once per /v1 and admin request, after the response is made. Must be thread-safe.
using AuditSink = std::function<void(const AuditEvent&)>;

}  // namespace rehab::server
