// The seams the service leaves for security and audit (src/server/security/ fills them): an
// authenticator asked for every /v1 route and the admin route, an audit sink told once per request
// what was answered on which data (hashes and versions only, never patient text or tokens), and the
// clinician-feedback store behind /v1/feedback.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

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

// One clinician verdict on one exercise of a recommendation, already checked by the route: the
// exercise exists, the verdict and the reason are of the closed lists, the comment is bounded text.
struct FeedbackItem {
    std::string exercise_id;
    std::string verdict;  // accepted, rejected or modified
    std::string reason;   // a reason code, or "" (only for accepted)
    std::string comment;  // clinician text: stored, never logged
};

struct FeedbackSubmission {
    std::string request_id;      // the recommendation's X-Request-Id, or ""
    std::string programme_hash;  // the SHA-256 of its programme, or "" (one of the two is given)
    std::string clinician;       // the authenticated subject, or ""
    std::int64_t time_ms = 0;
    std::vector<FeedbackItem> items;
};

struct FeedbackRow {
    std::int64_t id = 0;
    FeedbackSubmission submission;  // with exactly one item
};

// Stores every item of a submission or none; false and `error` (for the log, never the client) when
// the store refused. Must be thread-safe.
using FeedbackWriter =
    std::function<bool(const FeedbackSubmission&, std::vector<std::int64_t>& ids, std::string& error)>;
// The rows of time_ms >= since_ms and id > after_id, in id order, at most `limit`.
using FeedbackReader =
    std::function<std::vector<FeedbackRow>(std::int64_t since_ms, std::int64_t after_id, std::size_t limit)>;

struct FeedbackStore {
    FeedbackWriter write;  // empty: POST /v1/feedback answers 501
    FeedbackReader read;   // empty: GET /v1/feedback answers 501
};

}  // namespace rehab::server
