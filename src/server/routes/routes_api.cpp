// POST /v1/recommend and POST /v1/explain: the profile is read by io's profile reader and the answer
// rendered by io's renderers, exactly as `rehab recommend --format json|summary|html` and
// `rehab explain --format json` do, so the bytes are the same; bad input is 400 with diagnostics.
#include <nlohmann/json.hpp>

#include "core/explain/explanation.hpp"
#include "io/json/reader.hpp"
#include "io/load/profile_reader.hpp"
#include "io/render/explanation_json.hpp"
#include "io/render/handout_html.hpp"
#include "io/render/programme_json.hpp"
#include "io/render/programme_summary.hpp"
#include "server/routes/request_context.hpp"
#include "server/routes/routes.hpp"

namespace rehab::server {

namespace {

constexpr const char* body_file = "<body>";

// A chunked body has no Content-Length to refuse early: its decoded size is checked here.
bool body_too_large(const httplib::Request& req, httplib::Response& res, std::size_t max_body) {
    if (req.body.size() <= max_body) return false;
    send_error(res, 413, "SV413", "the body is over the limit of " + std::to_string(max_body) + " bytes");
    return true;
}

void recommend(const httplib::Request& req, httplib::Response& res, std::size_t max_body) {
    if (body_too_large(req, res, max_body)) return;
    const Recommender& r = *RequestContext::current().engine;
    const std::string view = req.has_param("view") ? req.get_param_value("view") : "full";
    if (view != "full" && view != "summary" && view != "html") {
        const std::string near = nearest_name(view, {"full", "summary", "html"});
        send_error(res, 400, "SV010", "unknown view '" + view + "', expected full, summary or html", "",
                   near.empty() ? "" : "did you mean '" + near + "'?");
        return;
    }
    // The handout's header (view=html): patient_name, clinician, clinic, date, review_date.
    io::HandoutHeader header;
    for (auto [key, field] : {std::pair{"patient_name", &header.patient_name},
                              std::pair{"clinician", &header.clinician}, std::pair{"clinic", &header.clinic},
                              std::pair{"date", &header.date}, std::pair{"review_date", &header.review_date}})
        if (req.has_param(key)) {
            if (view != "html")
                return send_error(
                    res, 400, "SV013",
                    std::string("the query parameter '") + key + "' is for view=html (the handout)");
            *field = req.get_param_value(key);
        }
    if (const auto problems = io::check_handout_header(header); !problems.empty()) {
        Diagnostics hd;
        for (const auto& p : problems) hd.error("SV013", {"<query>", ""}, p);
        return send_error(res, 400, hd);
    }
    Diagnostics d;
    const auto profile = io::parse_profile_text(req.body, r.knowledge(), body_file, d);
    if (!profile) return send_error(res, 400, d);
    const Recommendation rec = r.recommend(*profile, true);
    if (view == "full") {
        res.set_content(io::programme_to_json(r, rec, *profile), "application/json");
    } else if (view == "summary") {
        std::string text;
        io::append_programme_summary(r, rec, *profile, text);
        text += "\n";
        res.set_content(text, "application/json");
    } else {
        res.set_content(io::programme_to_handout_html(r, rec, *profile, header), "text/html; charset=utf-8");
    }
}

// {"profile": {...}, "exercise": "id"}: every problem at once, pointers into the whole body.
std::optional<ExerciseId> read_explain(const nlohmann::json& doc, const KnowledgeGraph& kg,
                                       std::optional<Profile>& profile, Diagnostics& d) {
    if (!doc.is_object()) {
        d.error("PR002", {body_file, ""},
                "the body should be an object {\"profile\": ..., \"exercise\": ...}, found " +
                    io::json_type_name(doc));
        return std::nullopt;
    }
    for (const auto& [key, value] : doc.items())
        if (key != "profile" && key != "exercise") {
            const std::string near = nearest_name(key, {"profile", "exercise"});
            d.error("PR004", {body_file, "/" + io::json_pointer_escape(key)}, "unknown field '" + key + "'",
                    near.empty() ? "" : "did you mean '" + near + "'?");
        }
    if (!doc.contains("profile"))
        d.error("PR003", {body_file, "/profile"}, "missing required field 'profile'");
    else
        profile = io::read_profile(doc["profile"], kg, body_file, d, "/profile");
    if (!doc.contains("exercise") || !doc["exercise"].is_string()) {
        d.error(doc.contains("exercise") ? "PR002" : "PR003", {body_file, "/exercise"},
                "field 'exercise' should be an exercise id (a string)");
        return std::nullopt;
    }
    const std::string key = doc["exercise"].get<std::string>();
    auto id = kg.find_exercise(key);
    if (!id) {
        std::vector<std::string> keys;
        for (const auto& e : kg.exercises()) keys.push_back(e.key);
        const std::string near = nearest_name(key, keys);
        d.error("PR005", {body_file, "/exercise"}, "unknown exercise '" + key + "'",
                near.empty() ? "" : "did you mean '" + near + "'?");
    }
    return id;
}

void explain(const httplib::Request& req, httplib::Response& res, std::size_t max_body) {
    if (body_too_large(req, res, max_body)) return;
    const Recommender& r = *RequestContext::current().engine;
    Diagnostics d;
    const auto doc = io::parse_json(req.body, body_file, d, "PR001");
    if (!doc) return send_error(res, 400, d);
    std::optional<Profile> profile;
    const auto id = read_explain(*doc, r.knowledge(), profile, d);
    if (!id || !profile || d.has_errors()) return send_error(res, 400, d);
    const Recommendation rec = r.recommend(*profile, true);
    const ExerciseExplanation x = explain_exercise(r, rec, *id);
    res.set_content(io::explanation_to_json(r, rec, *profile, x), "application/json");
}

}  // namespace

void install_api_routes(httplib::Server& http, ServiceState& s) {
    const std::size_t max_body = s.max_body;
    http.Post("/v1/recommend", [max_body](const httplib::Request& req, httplib::Response& res) {
        recommend(req, res, max_body);
    });
    http.Post("/v1/explain", [max_body](const httplib::Request& req, httplib::Response& res) {
        explain(req, res, max_body);
    });
}

}  // namespace rehab::server
