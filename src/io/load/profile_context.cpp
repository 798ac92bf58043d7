// The profile reader's shared checks: id lookups with "did you mean" hints (PR005), id lists with
// duplicate detection (PR008), and numbers checked against their clinical range (PR007).
#include "io/load/profile_context.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace rehab::io::detail {

namespace {

const char* kind_name(IdKind kind) {
    switch (kind) {
        case IdKind::condition:
            return "condition";
        case IdKind::red_flag:
            return "red flag";
        case IdKind::movement:
            return "movement";
        case IdKind::position:
            return "position";
        case IdKind::equipment:
            return "equipment";
        case IdKind::exercise:
            return "exercise";
        case IdKind::band:
            return "band";
        case IdKind::activity:
            return "activity";
    }
    return "id";
}

template <class T>
std::vector<std::string> keys_of(const std::vector<T>& items) {
    std::vector<std::string> out;
    out.reserve(items.size());
    for (const auto& item : items) out.push_back(item.key);
    return out;
}

std::vector<std::string> candidates(const KnowledgeGraph& kg, IdKind kind) {
    switch (kind) {
        case IdKind::condition:
            return keys_of(kg.conditions());
        case IdKind::red_flag:
            return keys_of(kg.red_flags());
        case IdKind::movement:
            return keys_of(kg.movements());
        case IdKind::position:
            return keys_of(kg.positions());
        case IdKind::equipment:
            return keys_of(kg.equipment());
        case IdKind::exercise:
            return keys_of(kg.exercises());
        case IdKind::band:
            return keys_of(kg.bands());
        case IdKind::activity:
            return activity_names();
    }
    return {};
}

template <class Id>
std::optional<std::uint32_t> value_of(std::optional<Id> id) {
    if (!id) return std::nullopt;
    return id->value;
}

std::optional<std::uint32_t> lookup(const KnowledgeGraph& kg, IdKind kind, const std::string& name) {
    switch (kind) {
        case IdKind::condition:
            return value_of(kg.find_condition(name));
        case IdKind::red_flag:
            return value_of(kg.find_red_flag(name));
        case IdKind::movement:
            return value_of(kg.find_movement(name));
        case IdKind::position:
            return value_of(kg.find_position(name));
        case IdKind::equipment:
            return value_of(kg.find_equipment(name));
        case IdKind::exercise:
            return value_of(kg.find_exercise(name));
        case IdKind::band:
            return value_of(kg.find_band(name));
        case IdKind::activity: {
            const auto& names = activity_names();
            auto it = std::find(names.begin(), names.end(), name);
            if (it == names.end()) return std::nullopt;
            return static_cast<std::uint32_t>(it - names.begin());
        }
    }
    return std::nullopt;
}

std::vector<std::string> words(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == '_') {
            if (i > start) out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    return out;
}

std::string format_number(double x) {
    std::ostringstream out;
    out << x;
    return out.str();
}

}  // namespace

std::optional<std::uint32_t> ProfileContext::find(IdKind kind, const std::string& name,
                                                  const std::string& pointer) const {
    if (auto id = lookup(*kg_, kind, name)) return id;
    if (d_->truncated()) {  // counted, not kept: no candidates or edit distances
        d_->error("PR005", {}, {});
        return std::nullopt;
    }
    const auto names = candidates(*kg_, kind);
    std::string message = "unknown " + std::string(kind_name(kind)) + " '" + name + "', ";
    if (kind == IdKind::activity) {
        message += "expected one of:";
        for (const auto& a : names) message += (a == names.front() ? " " : ", ") + a;
    } else {
        const std::string kind_text = kind_name(kind);
        message += (kind_text[0] == 'e' ? "expected an " : "expected a ") + kind_text +
                   " id from the knowledge base";
    }
    d_->error("PR005", {file_, pointer}, message, suggest(name, names));
    return std::nullopt;
}

std::vector<std::uint32_t> ProfileContext::id_list(FieldReader& r, const std::string& key,
                                                   IdKind kind) const {
    std::vector<std::uint32_t> out;
    const auto* array = r.value(key, false);
    if (!array) return out;
    if (!array->is_array()) {
        r.wrong_type(key, *array, "an array of strings");
        return out;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
        const auto& item = (*array)[i];
        if (d_->truncated()) {  // past the cap errors are only counted: no pointer, message or hint
            auto id =
                item.is_string() ? lookup(*kg_, kind, item.get_ref<const std::string&>()) : std::nullopt;
            const bool twice = id && std::find(out.begin(), out.end(), *id) != out.end();
            if (!id || twice)
                d_->error(!item.is_string() ? "PR002" : !id ? "PR005" : "PR008", {}, {});
            else
                out.push_back(*id);
            continue;
        }
        const std::string pointer = r.child_pointer(key) + "/" + std::to_string(i);
        if (!item.is_string()) {
            d_->error("PR002", {file_, pointer},
                      "item " + std::to_string(i) + " of '" + key + "' should be a string, found " +
                          json_type_name(item));
            continue;
        }
        auto id = find(kind, item.get<std::string>(), pointer);
        if (!id) continue;
        if (std::find(out.begin(), out.end(), *id) != out.end()) {
            inconsistent(pointer,
                         std::string(kind_name(kind)) + " '" + item.get<std::string>() +
                             "' is listed twice in '" + key + "'",
                         "remove the duplicate");
            continue;
        }
        out.push_back(*id);
    }
    return out;
}

std::optional<double> ProfileContext::number(FieldReader& r, const std::string& key, const Limit& limit,
                                             bool required) const {
    const auto* v = r.value(key, required);
    if (!v) return std::nullopt;
    const bool integral_ok = !v->is_number_float() || std::trunc(v->get<double>()) == v->get<double>();
    if (!v->is_number() || (limit.integral && !integral_ok)) {
        r.wrong_type(key, *v, limit.integral ? "an integer" : "a number");
        return std::nullopt;
    }
    const double x = v->get<double>();
    if (!(x >= limit.min && x <= limit.max)) {
        d_->error("PR007", {file_, r.child_pointer(key)},
                  std::string(limit.what) + " must be " + format_number(limit.min) + "-" +
                      format_number(limit.max) + limit.unit + ", found " + format_number(x));
        return std::nullopt;
    }
    return x;
}

std::optional<int> ProfileContext::integer(FieldReader& r, const std::string& key, const Limit& limit,
                                           bool required) const {
    Limit whole = limit;
    whole.integral = true;
    auto x = number(r, key, whole, required);
    if (!x) return std::nullopt;
    return static_cast<int>(*x);
}

namespace {

// The one candidate holding every word of `name` as a whole word ("band" -> "resistance_band"), if any.
std::string containing_words(const std::string& name, const std::vector<std::string>& candidates) {
    const auto mine = words(name);
    std::string found;
    for (const auto& c : candidates) {
        const auto theirs = words(c);
        const bool all = std::all_of(mine.begin(), mine.end(), [&](const std::string& w) {
            return std::find(theirs.begin(), theirs.end(), w) != theirs.end();
        });
        if (!all) continue;
        if (!found.empty()) return "";  // ambiguous
        found = c;
    }
    return found;
}

// The candidate sharing the most words with `name`, when it is the only one with that many.
std::string most_words(const std::string& name, const std::vector<std::string>& candidates) {
    const auto mine = words(name);
    std::string best;
    std::size_t best_score = 0;
    bool unique = false;
    for (const auto& c : candidates) {
        std::size_t score = 0;
        for (const auto& w : words(c)) score += std::count(mine.begin(), mine.end(), w) > 0;
        if (score > best_score) {
            best_score = score;
            best = c;
            unique = true;
        } else if (score == best_score && score > 0) {
            unique = false;
        }
    }
    return unique ? best : "";
}

}  // namespace

// Whole words first (a clinician types "band" for resistance_band, not a misspelt "ball"), then the
// nearest spelling, then the most shared words; with nothing close, the valid values when few.
std::string suggest(const std::string& name, const std::vector<std::string>& candidates) {
    std::string best = containing_words(name, candidates);
    if (best.empty()) best = nearest_name(name, candidates);
    if (best.empty()) best = most_words(name, candidates);
    if (!best.empty()) return "did you mean '" + best + "'?";
    if (candidates.empty() || candidates.size() > 16) return "";
    std::string all;
    for (const auto& c : candidates) all += (all.empty() ? "" : ", ") + c;
    return "valid values: " + all;
}

void ProfileContext::inconsistent(const std::string& pointer, const std::string& message,
                                  const std::string& hint) const {
    d_->error("PR008", {file_, pointer}, message, hint);
}

}  // namespace rehab::io::detail
