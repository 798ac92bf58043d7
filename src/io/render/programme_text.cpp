// Renders the clinician's terminal report: fixed-width table, one line per reason, plain ASCII
// framing (names may be UTF-8; widths are counted in code points so the columns line up).
#include "io/render/programme_text.hpp"

#include <algorithm>
#include <sstream>

#include "core/explain/explanation.hpp"
#include "io/render/programme_words.hpp"
#include "io/render/words/exclusion_words.hpp"
#include "io/render/words/note_words.hpp"
#include "io/render/words/reason_words.hpp"

namespace rehab::io {

namespace {

std::size_t width(const std::string& s) {  // UTF-8 code points
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string pad(const std::string& s, std::size_t w) {
    return s + std::string(w > width(s) ? w - width(s) : 0, ' ');
}

std::string rule_id(const Recommender& r, std::int64_t rule) {
    return rule >= 0 ? r.rules().rule(static_cast<std::uint32_t>(rule)).id : "knowledge";
}

void header(std::ostringstream& out, const Recommender& r, const Recommendation& rec, const Profile& p) {
    const KnowledgeGraph& kg = r.knowledge();
    out << "Patient:      " << (p.id.empty() ? "-" : p.id) << "\n";
    out << "Condition:    " << (p.condition.valid() ? kg.condition(p.condition).name : "-");
    if (p.side != Side::both) out << " (" << to_string(p.side) << ")";
    out << "\n";
    out << "Stage:        " << to_string(rec.stage);
    auto basis = stage_basis(r, rec);
    if (!basis.empty()) {
        std::string ids;
        for (auto b : basis) ids += (ids.empty() ? "" : " <- ") + r.rules().rule(b).id;
        out << "  [" << ids << "] " << r.rules().rule(basis.back()).rationale;
    }
    out << "\nIrritability: " << rec.irritability << "\n";
    if (rec.progress.pain_ceiling)
        out << "Pain ceiling: " << number_text(*rec.progress.pain_ceiling) << "/10 during exercise\n";
    out << "Knowledge:    " << kg.name() << " " << kg.version() << "; rules " << r.rules().version() << "\n";
}

void referral(std::ostringstream& out, const Recommender& r, const Recommendation& rec) {
    out << "\n*** REFER (" << to_string(most_urgent(rec.referral)) << ") - no exercise programme ***\n";
    for (const auto& x : rec.referral) {
        out << "\n  Red flag: ";
        if (x.red_flag.valid()) {
            const RedFlag& f = r.knowledge().red_flag(x.red_flag);
            out << f.name << "\n  Concern:  " << f.concern << "\n  Urgency:  " << to_string(x.urgency)
                << "\n  Advice:   " << f.advice << "\n";
        } else {
            out << "-\n  Concern:  " << x.reason << "\n  Urgency:  " << to_string(x.urgency) << "\n";
        }
        out << "  Rule:     " << r.rules().rule(x.rule).id << "\n";
    }
}

void table(std::ostringstream& out, const Recommender& r, const Recommendation& rec) {
    const KnowledgeGraph& kg = r.knowledge();
    std::size_t wn = 8, wd = 4, wt = 5, wb = 4;
    for (const auto& it : rec.items) {
        wn = std::max(wn, width(kg.exercise(it.exercise).name));
        wd = std::max(wd, width(dose_cell(it.dose)));
        wt = std::max(wt, width(it.dose.tempo));
        wb = std::max(wb, width(band_name(kg, it.dose)));
    }
    // After a review (a programme to compare with), a Change column says what happened to each.
    const bool review = std::any_of(rec.items.begin(), rec.items.end(),
                                    [](const ProgrammeItem& it) { return it.change != Change::new_; }) ||
                        !rec.dropped.empty();
    out << "\nProgramme (" << rec.items.size() << " exercise" << (rec.items.size() == 1 ? "" : "s") << ")\n";
    out << " #  " << pad("Exercise", wn) << "  " << (review ? pad("Change", 10) + "  " : "")
        << pad("Dose", wd) << "  " << pad("Tempo", wt) << "  " << pad("Band", wb) << "  Per week\n";
    for (std::size_t i = 0; i < rec.items.size(); ++i) {
        const PrescribedDose& d = rec.items[i].dose;
        std::string n = std::to_string(i + 1);
        out << pad((n.size() < 2 ? " " : "") + n, 3) << " "
            << pad(kg.exercise(rec.items[i].exercise).name, wn) << "  "
            << (review ? pad(to_string(rec.items[i].change), 10) + "  " : "") << pad(dose_cell(d), wd) << "  "
            << pad(d.tempo.empty() ? "-" : d.tempo, wt) << "  "
            << pad(band_name(kg, d).empty() ? "-" : band_name(kg, d), wb) << "  "
            << (d.per_week > 0 ? std::to_string(d.per_week) : "-") << (d.per_side ? "  (each side)" : "")
            << "\n";
    }
}

void why(std::ostringstream& out, const Recommender& r, const Recommendation& rec) {
    const KnowledgeGraph& kg = r.knowledge();
    out << "\nWhy\n";
    for (std::size_t i = 0; i < rec.items.size(); ++i) {
        const ProgrammeItem& it = rec.items[i];
        std::string rules;
        for (const auto& s : it.selected_by) {
            rules += (rules.empty() ? "" : ", ") + r.rules().rule(s.rule).id;
            if (s.kind == ActionKind::prefer || s.kind == ActionKind::avoid)
                rules += std::string(" (") + (s.weight >= 0 ? "+" : "") + number_text(s.weight) + ")";
            else
                rules += std::string(" (") + to_string(s.kind) + ")";
        }
        out << pad(" " + std::to_string(i + 1) + ".", 5) << kg.exercise(it.exercise).name << ": score "
            << number_text(it.score);
        if (!rules.empty()) out << "; " << rules;
        out << "\n";
        for (const auto& g : it.graph_reasons) out << "     - " << graph_reason_text(kg, g) << "\n";
        for (const auto& pc : it.precautions)
            out << "     ! " << precaution_text(r.rules(), it.exercise, pc) << "\n";
        if (it.change != Change::new_ || !it.change_reasons.empty()) {
            out << "     change: " << to_string(it.change);
            for (const auto& c : it.change_reasons) out << "; " << note_text(r.rules(), c);
            out << "\n";
        }
    }
    if (auto crit = progression_text(rec.progress); !crit.empty()) out << "\n" << crit << "\n";
}

// One line per excluded exercise: each rule with what it read (compared values, a fact not recorded,
// a contraindication, stage membership), as the explanation gives it.
void excluded(std::ostringstream& out, const Recommender& r, const Recommendation& rec) {
    if (rec.excluded.empty()) return;
    const KnowledgeGraph& kg = r.knowledge();
    const FactSchema& s = r.rules().schema();
    out << "\nExcluded (" << rec.excluded.size() << ")\n";
    for (const auto& x : rec.excluded) {
        ExerciseExplanation e = explain_excluded(r, rec, x);
        std::string line;
        for (const auto& ex : e.exclusions) {
            std::string part = rule_id(r, ex.rule);
            std::string seen;
            for (const auto& o : ex.observed)
                if ((o.changeable || o.derived) && o.observed)
                    seen += (seen.empty() ? "" : ", ") + fact_label(s, o.slot) + ": " +
                            fact_value_words(s, o.slot, *o.observed);
            if (auto basis = basis_words(r, rec.stage, ex); !basis.empty())
                seen += (seen.empty() ? "" : ", ") + basis;
            if (!seen.empty()) part += " (" + seen + ")";
            line += (line.empty() ? "" : "; ") + part;
        }
        out << "  - " << kg.exercise(x.exercise).name << ": " << line << "\n";
    }
}

// The current exercises taken out at this review, each with its change and reasons.
void dropped(std::ostringstream& out, const Recommender& r, const Recommendation& rec) {
    if (rec.dropped.empty()) return;
    out << "\nTaken out of the current programme (" << rec.dropped.size() << ")\n";
    for (const auto& d : rec.dropped) {
        out << "  - " << r.knowledge().exercise(d.exercise).name;
        std::string sep = ": ";
        for (const auto& c : d.change_reasons) out << sep << note_text(r.rules(), c), sep = "; ";
        out << "\n";
    }
}

void not_chosen(std::ostringstream& out, const Recommender& r, const Recommendation& rec) {
    if (rec.not_chosen.empty()) return;
    out << "\nNot chosen (" << rec.not_chosen.size() << ")\n";
    for (const auto& n : rec.not_chosen)
        out << "  - " << r.knowledge().exercise(n.exercise).name << " (score " << number_text(n.score)
            << "): " << not_chosen_text(r.knowledge(), rec.evaluation, n) << "\n";
}

void notes(std::ostringstream& out, const Recommender& r, const Recommendation& rec) {
    if (!rec.warnings.empty()) {
        out << "\nWarnings\n";
        for (const auto& w : rec.warnings)
            out << "  ! " << warning_text(r.rules(), w) << " [" << r.rules().rule(w.rule).id << "]\n";
    }
    auto unmet = unmet_criteria(r, rec);
    if (rec.next_stage && !unmet.empty()) {
        const FactSchema& s = r.rules().schema();
        out << "\nNot yet ready for the " << to_string(*rec.next_stage) << " stage\n";
        for (const auto& u : unmet)
            out << "  - " << u.label << ": "
                << (u.observed ? fact_value_text(s, u.needs.slot, *u.observed) : "not recorded") << ", needs "
                << needs_text(s, u.needs) << " [" << r.rules().rule(u.rule).id << "]\n";
    }
}

}  // namespace

std::string programme_to_text(const Recommender& r, const Recommendation& rec, const Profile& p) {
    std::ostringstream out;
    header(out, r, rec, p);
    if (rec.referred()) {
        referral(out, r, rec);
        dropped(out, r, rec);
    } else {
        table(out, r, rec);
        why(out, r, rec);
        dropped(out, r, rec);
        excluded(out, r, rec);
        not_chosen(out, r, rec);
    }
    notes(out, r, rec);
    out << "\n" << programme_disclaimer << "\n";
    return out.str();
}

}  // namespace rehab::io
