// Progression, week part (clinical.md 2.2): what the whole log says about the week, beyond one
// exercise. Next-morning pain is one value per morning, whichever exercise logged it: two different
// values for one morning are an inconsistent log; a flare morning adds no load anywhere in the
// review; mornings rising week on week (or morning after morning, over three or more mornings of the week)
// regress.
#include <algorithm>
#include <functional>
#include <map>

#include "core/recommend/review/review_detail.hpp"

namespace rehab::progression {

namespace {

struct Morning {
    double low = 0, high = 0;
};

void cite(WeekReading& w, const Threshold& t) {
    if (t.rule < 0) return;
    const auto r = static_cast<std::uint32_t>(t.rule);
    if (std::find(w.rules.begin(), w.rules.end(), r) == w.rules.end()) w.rules.push_back(r);
}

double mean(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0 : s / static_cast<double>(v.size());
}

}  // namespace

WeekReading read_week(const std::vector<LoggedSession>& sessions, int last_day, const Thresholds& t) {
    WeekReading w;
    if (!t.complete()) return w;
    std::map<int, Morning> mornings;  // the morning after each session day
    for (const auto& s : sessions)
        for (const auto& x : s.exercises) {
            if (!x.pain_next_morning) continue;
            auto [it, fresh] =
                mornings.try_emplace(s.day, Morning{*x.pain_next_morning, *x.pain_next_morning});
            if (!fresh) {
                it->second.low = std::min(it->second.low, *x.pain_next_morning);
                it->second.high = std::max(it->second.high, *x.pain_next_morning);
            }
        }
    for (const auto& [day, m] : mornings)
        if (m.high > m.low) {  // one morning, two pain levels: the log cannot be trusted
            w.inconsistent =
                Note{NoteCode::mornings_contradict, {num_arg(day), num_arg(m.low), num_arg(m.high)}};
            return w;
        }
    std::vector<double> week, before;
    for (const auto& [day, m] : mornings) {
        if (day > last_day - 7)
            week.push_back(m.high);
        else if (day > last_day - 14)
            before.push_back(m.high);
        const bool flare = t.usual ? m.high >= *t.usual + *t.margin.value : m.high > *t.ceiling.value;
        if (flare && day > last_day - 7 && !w.flare) {
            w.flare = Note{NoteCode::flare_no_load, {num_arg(m.high), num_arg(day)}};
            cite(w, t.usual ? t.margin : t.ceiling);
        }
    }
    const double margin = t.trend.value.value_or(1.0);
    if (!before.empty() && !week.empty() && mean(week) - mean(before) >= margin) {
        w.rising =
            Note{NoteCode::mornings_rose_week, {num_arg(mean(before)), num_arg(mean(week)), t.trend.cite()}};
        cite(w, t.trend);
    } else if (before.empty() && week.size() >= 3 && week.back() - week.front() >= margin &&
               std::adjacent_find(week.begin(), week.end(), std::greater_equal<>()) == week.end()) {
        w.rising = Note{NoteCode::mornings_rose_days,
                        {num_arg(week.front()), num_arg(week.back()),
                         num_arg(static_cast<double>(week.size())), t.trend.cite()}};
        cite(w, t.trend);
    }
    return w;
}

// The week's reading applied to one exercise's verdict: an inconsistent log holds, a rising week
// regresses, a flare turns a progression into a hold (no load added in this review).
void apply_week(const WeekReading& w, Assessment& a) {
    auto add_rules = [&] {
        for (auto r : w.rules)
            if (std::find(a.rules.begin(), a.rules.end(), r) == a.rules.end()) a.rules.push_back(r);
    };
    if (w.inconsistent) {
        a = Assessment{};
        a.inconsistent = true;
        a.reasons.push_back(*w.inconsistent);
        return;
    }
    if (w.rising && a.verdict != Verdict::regress) {
        a.verdict = Verdict::regress;
        a.reasons.clear();
        a.reasons.push_back(*w.rising);
        add_rules();
        return;
    }
    if (w.flare && a.verdict == Verdict::progress) {
        a.verdict = Verdict::hold;
        a.reasons.clear();
        a.reasons.push_back(*w.flare);
        add_rules();
    }
}

}  // namespace rehab::progression
