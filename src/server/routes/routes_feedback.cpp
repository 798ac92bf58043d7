// POST /v1/feedback stores a clinician's verdicts on a recommendation (every item or none; 201 with
// the row ids), GET /v1/feedback?since=MS&after=ID&limit=N reads them back (authenticated). The comment
// is clinician text: stored and returned, never logged. Without a store both answer 501.
#include <spdlog/spdlog.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "server/routes/feedback_request.hpp"
#include "server/routes/request_context.hpp"
#include "server/routes/routes.hpp"

namespace rehab::server {

namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

bool no_store(bool configured, httplib::Response& res) {
    if (configured) return false;
    send_error(res, 501, "SV501", "this server stores no feedback",
               "start rehab serve with --audit-db FILE to store clinician feedback");
    return true;
}

void post_feedback(ServiceState& s, const httplib::Request& req, httplib::Response& res) {
    if (no_store(static_cast<bool>(s.feedback.write), res)) return;
    if (req.body.size() > s.max_body) {  // a chunked body has no Content-Length to refuse early
        send_error(res, 413, "SV413",
                   "the body is over the limit of " + std::to_string(s.max_body) + " bytes");
        return;
    }
    RequestContext& ctx = RequestContext::current();
    Diagnostics d;
    auto submission = read_feedback(req.body, ctx.engine->knowledge(), d);
    if (!submission) return send_error(res, 400, d);
    submission->clinician = ctx.subject;
    submission->time_ms = now_ms();
    std::vector<std::int64_t> ids;
    std::string why;
    if (!s.feedback.write(*submission, ids, why)) {
        spdlog::error("id={} feedback not stored: {}", ctx.id, why);  // the store's reason, no comment
        send_error(res, 503, "SV031", "the feedback could not be stored; nothing of it was",
                   "try again; the server log says why");
        return;
    }
    Json doc{{"format", "rehab.feedback-stored/1"}, {"request_id", ctx.id}};
    Json about = Json::object();
    if (!submission->request_id.empty()) about["request_id"] = submission->request_id;
    if (!submission->programme_hash.empty()) about["programme_hash"] = submission->programme_hash;
    doc["about"] = about;
    doc["ids"] = ids;
    res.status = 201;
    res.set_content(dump(doc), "application/json");
}

// A query parameter as an integer in [min, max]; false (and a 400 sent) when it is not one.
bool query_integer(const httplib::Request& req, const char* name, std::int64_t min, std::int64_t max,
                   std::int64_t& out, httplib::Response& res) {
    if (!req.has_param(name)) return true;
    const std::string text = req.get_param_value(name);
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) {
        send_error(res, 400, "SV011",
                   std::string("query parameter '") + name + "' must be an integer from " +
                       std::to_string(min) + " to " + std::to_string(max),
                   "", std::string(name) == "since" ? "Unix time in milliseconds, e.g. 1767225600000" : "");
        return false;
    }
    out = v;
    return true;
}

void get_feedback(ServiceState& s, const httplib::Request& req, httplib::Response& res) {
    if (no_store(static_cast<bool>(s.feedback.read), res)) return;
    for (const auto& [key, value] : req.params)
        if (key != "since" && key != "after" && key != "limit") {
            const std::string near = nearest_name(key, {"since", "after", "limit"});
            send_error(
                res, 400, "SV012", "unknown query parameter '" + key + "'", "",
                near.empty() ? "the parameters are since, after and limit" : "did you mean '" + near + "'?");
            return;
        }
    std::int64_t since = 0, after = 0, limit = 100;
    if (!query_integer(req, "since", 0, std::int64_t{1} << 53, since, res) ||
        !query_integer(req, "after", 0, std::int64_t{1} << 53, after, res) ||
        !query_integer(req, "limit", 1, 1000, limit, res))
        return;
    const auto rows = s.feedback.read(since, after, static_cast<std::size_t>(limit));
    Json items = Json::array();
    for (const auto& row : rows) {
        const FeedbackSubmission& f = row.submission;
        Json item{{"id", row.id}, {"time_ms", f.time_ms}};
        if (!f.request_id.empty()) item["request_id"] = f.request_id;
        if (!f.programme_hash.empty()) item["programme_hash"] = f.programme_hash;
        if (!f.clinician.empty()) item["clinician"] = f.clinician;
        if (!f.items.empty()) {
            const FeedbackItem& i = f.items.front();
            item["exercise"] = i.exercise_id;
            item["verdict"] = i.verdict;
            if (!i.reason.empty()) item["reason"] = i.reason;
            if (!i.comment.empty()) item["comment"] = i.comment;
        }
        items.push_back(std::move(item));
    }
    Json doc{{"format", "rehab.feedback-list/1"}, {"since", since}, {"items", std::move(items)}};
    // A full page may have more after it: the next page is after its last id.
    if (rows.size() == static_cast<std::size_t>(limit)) doc["next_after"] = rows.back().id;
    res.set_content(dump(doc), "application/json");
}

}  // namespace

void install_feedback_routes(httplib::Server& http, ServiceState& s) {
    http.Post("/v1/feedback",
              [&s](const httplib::Request& req, httplib::Response& res) { post_feedback(s, req, res); });
    http.Get("/v1/feedback",
             [&s](const httplib::Request& req, httplib::Response& res) { get_feedback(s, req, res); });
}

}  // namespace rehab::server
