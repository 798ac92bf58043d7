// Reads a patient profile document into a Profile: top-level fields, pain, capabilities, equipment
// and red flags here; the history section in profile_history_reader.cpp. Every problem is reported.
#include "io/load/profile_reader.hpp"

#include <utility>

#include "io/json/reader.hpp"
#include "io/load/profile_context.hpp"

namespace rehab::io {

using detail::IdKind;
using detail::Limit;
using detail::pain_limit;
using detail::ProfileContext;

namespace {

constexpr Limit age_limit = limits::age;
constexpr Limit days_limit = limits::days_since_onset;
constexpr Limit stance_limit = limits::single_leg_stance;
constexpr Limit squeeze_limit = limits::squeeze_ratio;

Side side_from(const std::string& s) {
    return s == "left" ? Side::left : s == "right" ? Side::right : Side::both;
}

WeightBearing weight_bearing_from(const std::string& s) {
    return s == "full" ? WeightBearing::full : s == "partial" ? WeightBearing::partial : WeightBearing::none;
}

// {"movement_id": 0-10, ...} for pain.resisted and pain.stretch.
std::vector<std::pair<MovementId, double>> read_movement_pain(FieldReader& pain, const std::string& key,
                                                              const ProfileContext& c) {
    std::vector<std::pair<MovementId, double>> out;
    const auto* object = pain.object(key, false);
    if (!object) return out;
    auto r = c.reader(*object, pain.child_pointer(key));
    for (const auto& item : object->items()) {
        const std::string& movement = item.key();
        auto id = c.find(IdKind::movement, movement, r.child_pointer(movement));
        auto level = c.number(r, movement, pain_limit);
        if (id && level) out.emplace_back(MovementId(*id), *level);
    }
    return out;
}

void read_pain(FieldReader& top, const ProfileContext& c, Profile& p) {
    const auto* object = top.object("pain", false);
    if (!object) return;
    auto r = c.reader(*object, top.child_pointer("pain"));
    r.allow_only({"rest", "walking", "resisted", "stretch", "lasts_next_day"});
    p.pain.rest = c.number(r, "rest", pain_limit);
    p.pain.walking = c.number(r, "walking", pain_limit);
    p.pain.resisted = read_movement_pain(r, "resisted", c);
    p.pain.stretch = read_movement_pain(r, "stretch", c);
    p.pain.lasts_next_day = r.boolean("lasts_next_day", false);
}

void read_positions(FieldReader& caps, const ProfileContext& c, Profile& p) {
    const auto* object = caps.object("positions", false);
    if (!object) return;
    auto r = c.reader(*object, caps.child_pointer("positions"));
    for (const auto& item : object->items()) {
        const std::string& position = item.key();
        auto id = c.find(IdKind::position, position, r.child_pointer(position));
        auto tolerated = r.boolean(position, false);
        if (id && tolerated) p.positions.emplace_back(PositionId(*id), *tolerated);
    }
}

void read_capabilities(FieldReader& top, const ProfileContext& c, Profile& p) {
    const auto* object = top.object("capabilities", false);
    if (!object) return;
    auto r = c.reader(*object, top.child_pointer("capabilities"));
    r.allow_only({"weight_bearing", "single_leg_stance_s", "positions", "squeeze_ratio"});
    if (auto wb = r.enumeration("weight_bearing", false, {"full", "partial", "none"}))
        p.weight_bearing = weight_bearing_from(*wb);
    p.single_leg_stance_s = c.number(r, "single_leg_stance_s", stance_limit);
    read_positions(r, c, p);
    p.squeeze_ratio = c.number(r, "squeeze_ratio", squeeze_limit);
}

void read_identity(FieldReader& r, const ProfileContext& c, Profile& p) {
    if (auto id = r.string("id", false)) p.id = *id;
    p.age = c.number(r, "age", age_limit, true);
    if (auto sex = r.enumeration("sex", false, {"female", "male", "other"})) p.sex = *sex;
    for (auto a : c.id_list(r, "activity", IdKind::activity)) p.activity.push_back(activity_names()[a]);
}

void read_clinical(FieldReader& r, const ProfileContext& c, Profile& p) {
    if (auto condition = r.string("condition", true))
        if (auto id = c.condition(*condition, r.child_pointer("condition"))) p.condition = *id;
    if (auto side = r.enumeration("side", true, {"left", "right", "both"})) p.side = side_from(*side);
    p.days_since_onset = c.number(r, "days_since_onset", days_limit);
    if (auto stage = r.enumeration("stage", false, {"early", "mid", "late"})) p.stage = stage_from(*stage);
    for (auto id : c.id_list(r, "red_flags", IdKind::red_flag)) p.red_flags.emplace_back(id);
}

}  // namespace

std::optional<Profile> read_profile(const nlohmann::json& doc, const KnowledgeGraph& kg,
                                    const std::string& file, Diagnostics& d,
                                    const std::string& pointer_prefix) {
    const std::size_t errors_before = d.error_count();
    ProfileContext c(kg, file, d);
    auto r = c.reader(doc, pointer_prefix);
    if (!r.is_object()) return std::nullopt;
    r.allow_only({"id", "age", "sex", "activity", "condition", "side", "days_since_onset", "stage",
                  "red_flags", "pain", "capabilities", "equipment", "therapist_present", "on_pain_medication",
                  "history"});
    Profile p;
    read_identity(r, c, p);
    read_clinical(r, c, p);
    read_pain(r, c, p);
    read_capabilities(r, c, p);
    for (auto id : c.id_list(r, "equipment", IdKind::equipment)) p.equipment.emplace_back(id);
    p.therapist_present = r.boolean("therapist_present", false).value_or(false);
    p.on_pain_medication = r.boolean("on_pain_medication", false);
    if (const auto* history = r.object("history", false))
        p.history = detail::read_history(*history, r.child_pointer("history"), c);
    if (d.error_count() != errors_before) return std::nullopt;
    return p;
}

std::optional<Profile> parse_profile_text(const std::string& text, const KnowledgeGraph& kg,
                                          const std::string& file, Diagnostics& d) {
    if (text.size() > max_profile_bytes) {
        d.error("PR014", {file, ""},
                "the profile is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                    byte_size_text(max_profile_bytes));
        return std::nullopt;
    }
    auto doc = parse_json(text, file, d, "PR001", max_profile_depth);  // numbers too large for a double too
    if (!doc) return std::nullopt;
    return read_profile(*doc, kg, file, d);
}

}  // namespace rehab::io
