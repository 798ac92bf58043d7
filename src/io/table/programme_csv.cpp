// The CSV rows of `rehab batch --format csv|csv-long`: fixed columns in a fixed order (documented in
// docs/batch-formats.md), lists joined with ';', booleans as true/false, absent values empty.
#include "io/table/programme_csv.hpp"

#include "io/json/reader.hpp"
#include "io/render/programme_words.hpp"

namespace rehab::io {

namespace {

// The columns every row starts with, then the wide or long columns.
constexpr const char* lead_columns = "line,profile_id,status,error_codes,error_message";
constexpr const char* wide_columns =
    "condition,side,age,days_since_onset,given_stage,pain_rest,pain_walking,red_flags,history_sessions,"
    "stage,stage_rule,irritability,referred,urgency,referral_rules,exercise_count,exercises,excluded_count,"
    "warning_rules";
constexpr const char* long_columns =
    "condition,stage,irritability,referred,position,exercise,component,side,sets,reps,hold_s,duration_min,"
    "tempo,rest_s,sessions_per_week,band,change,replaces,rules";
constexpr int wide_count = 19, long_count = 19;

class Row {
public:
    explicit Row(std::string& out) : out_(out) {}
    Row& text(const std::string& v) {
        sep();
        append_csv_field(out_, v);
        return *this;
    }
    Row& integer(long long v) { return raw(std::to_string(v)); }
    Row& number(double v) { return raw(number_text(v)); }
    template <class T>
    Row& maybe(const std::optional<T>& v) {
        if (!v) return raw("");
        if constexpr (std::is_floating_point_v<T>)
            return number(*v);
        else
            return integer(*v);
    }
    Row& boolean(bool v) { return raw(v ? "true" : "false"); }
    Row& empty(int n) {
        for (int i = 0; i < n; ++i) raw("");
        return *this;
    }

private:
    std::string& out_;
    bool first_ = true;
    void sep() {
        if (!first_) out_ += ',';
        first_ = false;
    }
    Row& raw(const std::string& v) {
        sep();
        out_ += v;
        return *this;
    }
};

template <class Items, class Key>
std::string joined(const Items& items, Key key) {
    std::string s;
    for (const auto& x : items) {
        std::string k = key(x);
        if (k.empty()) continue;
        if (!s.empty()) s += ';';
        s += k;
    }
    return s;
}

void lead(Row& row, std::size_t line, const std::string& id, const char* status) {
    row.integer(static_cast<long long>(line)).text(id).text(status).text("").text("");
}

void wide(Row& row, const Recommender& r, const Recommendation& rec, const Profile& p) {
    const KnowledgeGraph& kg = r.knowledge();
    const RuleSet& rules = r.rules();
    row.text(p.condition.valid() ? kg.condition(p.condition).key : "").text(to_string(p.side));
    row.maybe(p.age).maybe(p.days_since_onset);
    row.text(p.stage ? to_string(*p.stage) : "");
    row.maybe(p.pain.rest).maybe(p.pain.walking);
    row.text(joined(p.red_flags, [&](RedFlagId f) { return kg.red_flag(f).key; }));
    row.integer(static_cast<long long>(p.history.sessions.size()));
    row.text(to_string(rec.stage));
    row.text(rec.stage_rule >= 0 ? rules.rule(static_cast<std::uint32_t>(rec.stage_rule)).id : "");
    row.text(rec.irritability).boolean(rec.referred());
    row.text(rec.referred() ? to_string(most_urgent(rec.referral)) : "");
    row.text(joined(rec.referral, [&](const ReferralReason& x) { return rules.rule(x.rule).id; }));
    row.integer(static_cast<long long>(rec.items.size()));
    row.text(joined(rec.items, [&](const ProgrammeItem& it) { return kg.exercise(it.exercise).key; }));
    row.integer(static_cast<long long>(rec.excluded.size()));
    row.text(joined(rec.warnings, [&](const RuleNote& x) { return rules.rule(x.rule).id; }));
}

void item(Row& row, const Recommender& r, const Profile& p, const ProgrammeItem& it, std::size_t position) {
    const KnowledgeGraph& kg = r.knowledge();
    const Exercise& ex = kg.exercise(it.exercise);
    const PrescribedDose& d = it.dose;
    if (position > 0)
        row.integer(static_cast<long long>(position));
    else
        row.text("");
    row.text(ex.key).text(to_string(ex.component)).text(exercise_side(ex, d, p));
    row.integer(d.sets).maybe(d.reps).maybe(d.hold_s).maybe(d.duration_min).text(d.tempo);
    if (d.rest_s > 0)
        row.integer(d.rest_s);
    else
        row.text("");
    if (d.per_week > 0)
        row.integer(d.per_week);
    else
        row.text("");
    row.text(d.band.valid() ? kg.band(d.band).key : "").text(to_string(it.change));
    row.text(it.replaces.valid() ? kg.exercise(it.replaces).key : "");
    std::string ids;
    for (const auto& x : it.selected_by) ids += (ids.empty() ? "" : ";") + r.rules().rule(x.rule).id;
    for (const auto& x : it.dosed_by) ids += (ids.empty() ? "" : ";") + r.rules().rule(x.rule).id;
    row.text(ids);
}

}  // namespace

std::string programme_csv_header(CsvShape shape) {
    return std::string(lead_columns) + "," + (shape == CsvShape::wide ? wide_columns : long_columns) + "\n";
}

void append_programme_csv(const Recommender& r, const Recommendation& rec, const Profile& p, std::size_t line,
                          CsvShape shape, std::string& out) {
    const std::string id = rec.profile_id.empty() ? p.id : rec.profile_id;
    const char* status = rec.referred() ? "referred" : "programme";
    if (shape == CsvShape::wide) {
        Row row(out);
        lead(row, line, id, status);
        wide(row, r, rec, p);
        return;
    }
    const KnowledgeGraph& kg = r.knowledge();
    const std::string condition = p.condition.valid() ? kg.condition(p.condition).key : "";
    auto start = [&](bool first) -> Row {
        if (!first) out += '\n';
        Row row(out);
        lead(row, line, id, status);
        row.text(condition).text(to_string(rec.stage)).text(rec.irritability).boolean(rec.referred());
        return row;
    };
    if (rec.items.empty() && rec.dropped.empty()) {  // a referral (or nothing to do): one row, no exercise
        start(true).empty(long_count - 4);
        return;
    }
    std::size_t position = 0;
    for (const auto& it : rec.items) {
        Row row = start(position == 0);
        item(row, r, p, it, ++position);
    }
    for (const auto& it : rec.dropped) {
        Row row = start(position == 0 && &it == &rec.dropped.front());
        item(row, r, p, it, 0);
    }
}

void append_error_csv(std::size_t line, const std::string& text, const Diagnostics& d, CsvShape shape,
                      std::string& out) {
    append_error_csv_row(line, text, d, shape == CsvShape::wide ? wide_count : long_count, out);
}

void append_error_csv_row(std::size_t line, const std::string& text, const Diagnostics& d,
                          std::size_t empty_columns, std::string& out) {
    std::string codes, message;
    for (const auto& x : d.items()) {
        if (x.severity != Severity::error) continue;
        codes += (codes.empty() ? "" : " ") + x.code;
        if (message.empty())
            message = (x.location.pointer.empty() ? "" : x.location.pointer + ": ") + x.message;
    }
    Row row(out);
    row.integer(static_cast<long long>(line)).text(readable_profile_id(text)).text("error").text(codes);
    row.text(message).empty(static_cast<int>(empty_columns));
}

std::string readable_profile_id(const std::string& text) {
    if (text.size() > max_profile_bytes) return "";
    Diagnostics ignored;  // the line's own diagnostics already say why it is not a profile
    auto doc = parse_json(text, "", ignored, "PR001", max_profile_depth);
    if (!doc || !doc->is_object()) return "";
    auto it = doc->find("id");
    return it != doc->end() && it->is_string() ? it->get<std::string>() : "";
}

void append_csv_field(std::string& out, const std::string& value) {
    if (value.find_first_of(",\"\n\r") == std::string::npos) {
        out += value;
        return;
    }
    out += '"';
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

}  // namespace rehab::io
