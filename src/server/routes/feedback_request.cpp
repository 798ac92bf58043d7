// Reading a feedback body: the recommendation it is about (request_id like X-Request-Id, programme_hash
// a lower-case SHA-256), then each item (FB codes: 001 JSON, 002 type, 003 missing, 004 unknown field,
// 005 unknown exercise, 006 reason against verdict, 007 not of a closed list, 008 format or size,
// 009 the same exercise twice). Messages never quote the comment.
#include "server/routes/feedback_request.hpp"

#include <cctype>
#include <set>

#include "io/json/reader.hpp"

namespace rehab::server {

namespace {

constexpr const char* body_file = "<body>";

bool plain_id(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    for (const unsigned char c : s)
        if (!std::isalnum(c) && c != '.' && c != '_' && c != '-') return false;
    return true;
}

bool sha256_text(const std::string& s) {
    if (s.size() != 64) return false;
    for (const char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

// Valid UTF-8 without control characters but tab and line breaks; the same test as the store's.
bool clean_text(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return false;
            ++i;
            continue;
        }
        const std::size_t n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
        if (n == 0 || i + n > s.size()) return false;
        std::uint32_t cp = c & (0x7fu >> n);
        for (std::size_t k = 1; k < n; ++k) {
            const auto t = static_cast<unsigned char>(s[i + k]);
            if ((t & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (t & 0x3fu);
        }
        const std::uint32_t lowest = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
        if (cp < lowest || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        i += n;
    }
    return true;
}

std::optional<FeedbackItem> read_item(const nlohmann::json& value, const std::string& pointer,
                                      const KnowledgeGraph& kg, Diagnostics& d) {
    io::FieldReader f(value, body_file, pointer, d, "FB");
    if (!f.is_object()) return std::nullopt;
    f.allow_only({"exercise", "verdict", "reason", "comment"});
    const std::size_t before = d.error_count();
    FeedbackItem item;
    if (auto id = f.string("exercise", true)) {
        item.exercise_id = *id;
        if (!kg.find_exercise(*id)) {
            std::vector<std::string> keys;
            for (const auto& e : kg.exercises()) keys.push_back(e.key);
            const std::string near = nearest_name(*id, keys);
            d.error("FB005", {body_file, f.child_pointer("exercise")},
                    "unknown exercise '" + (id->size() > 64 ? id->substr(0, 64) + "..." : *id) + "'",
                    near.empty() ? "see GET /v1/knowledge/exercises" : "did you mean '" + near + "'?");
        }
    }
    const auto verdict = f.enumeration("verdict", true, feedback_verdicts());
    const auto reason = f.enumeration("reason", false, feedback_reasons());
    const auto comment = f.string("comment", false);
    if (verdict) item.verdict = *verdict;
    if (reason) item.reason = *reason;
    if (comment) {
        if (comment->size() > max_feedback_comment_bytes) {
            d.error("FB008", {body_file, f.child_pointer("comment")},
                    "the comment is " + std::to_string(comment->size()) + " bytes, at most " +
                        std::to_string(max_feedback_comment_bytes),
                    "keep it to a short note; the details belong in the clinical record");
        } else if (!clean_text(*comment)) {
            d.error("FB008", {body_file, f.child_pointer("comment")},
                    "the comment must be UTF-8 text without control characters (tab and line breaks are "
                    "allowed)");
        } else {
            item.comment = *comment;
        }
    }
    if (verdict && !f.has("reason") && *verdict != "accepted") {
        std::string list;
        for (const auto& r : feedback_reasons())
            if (r != "appropriate") list += (list.empty() ? "" : ", ") + r;
        d.error("FB003", {body_file, f.child_pointer("reason")},
                "a '" + *verdict + "' verdict needs a reason code", "one of: " + list);
    }
    if (verdict && reason && (*reason == "appropriate") != (*verdict == "accepted")) {
        d.error("FB006", {body_file, f.child_pointer("reason")},
                "the reason '" + *reason + "' does not go with the verdict '" + *verdict + "'",
                *verdict == "accepted" ? "an accepted exercise takes 'appropriate' or no reason"
                                       : "'appropriate' is only for an accepted exercise");
    }
    if (reason && *reason == "other" && (!comment || comment->empty())) {
        d.error("FB003", {body_file, f.child_pointer("comment")}, "the reason 'other' needs a comment",
                "say briefly what the other reason is");
    }
    if (d.error_count() != before) return std::nullopt;
    return item;
}

}  // namespace

const std::vector<std::string>& feedback_verdicts() {
    static const std::vector<std::string> v{"accepted", "rejected", "modified"};
    return v;
}

const std::vector<std::string>& feedback_reasons() {
    static const std::vector<std::string> v{"appropriate",
                                            "too_easy",
                                            "too_hard",
                                            "pain_provoking",
                                            "contraindicated",
                                            "equipment_unavailable",
                                            "patient_preference",
                                            "wrong_stage",
                                            "dose_adjusted",
                                            "duplicate",
                                            "other"};
    return v;
}

std::optional<FeedbackSubmission> read_feedback(const std::string& body, const KnowledgeGraph& kg,
                                                Diagnostics& d) {
    const auto doc = io::parse_json(body, body_file, d, "FB001", io::max_profile_depth);
    if (!doc) return std::nullopt;
    const std::size_t before = d.error_count();
    io::FieldReader f(*doc, body_file, "", d, "FB");
    if (!f.is_object()) return std::nullopt;
    f.allow_only({"request_id", "programme_hash", "items"});
    FeedbackSubmission s;
    if (auto v = f.string("request_id", false)) {
        if (plain_id(*v))
            s.request_id = *v;
        else
            d.error(
                "FB008", {body_file, "/request_id"},
                "request_id must be 1-64 letters, digits, '.', '_' or '-' (an X-Request-Id of the service)");
    }
    if (auto v = f.string("programme_hash", false)) {
        if (sha256_text(*v))
            s.programme_hash = *v;
        else
            d.error("FB008", {body_file, "/programme_hash"},
                    "programme_hash must be 64 lower-case hexadecimal digits (the SHA-256 of the programme)");
    }
    if (f.is_object() && !f.has("request_id") && !f.has("programme_hash")) {
        d.error("FB003", {body_file, ""}, "the feedback names no recommendation",
                "give 'request_id' (the X-Request-Id of the answer) or 'programme_hash', or both");
    }
    if (const auto* items = f.array("items", true)) {
        if (items->empty() || items->size() > max_feedback_items) {
            d.error("FB008", {body_file, "/items"},
                    "items has " + std::to_string(items->size()) + " entries, expected 1 to " +
                        std::to_string(max_feedback_items));
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < items->size() && i < max_feedback_items; ++i) {
            const std::string pointer = "/items/" + std::to_string(i);
            auto item = read_item((*items)[i], pointer, kg, d);
            if (!item) continue;
            if (!seen.insert(item->exercise_id).second) {
                d.error("FB009", {body_file, pointer + "/exercise"},
                        "exercise '" + item->exercise_id + "' has a verdict already in this feedback",
                        "give one item per exercise");
                continue;
            }
            s.items.push_back(std::move(*item));
        }
    }
    if (d.error_count() != before) return std::nullopt;
    return s;
}

}  // namespace rehab::server
