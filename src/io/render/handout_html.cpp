// Renders the patient handout as well-formed XHTML: every element closed, all text escaped, no
// dates (the same programme prints the same page), no rule ids or clinical jargon.
#include "io/render/handout_html.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <sstream>

#include "io/render/figure/figure_svg.hpp"
#include "io/render/programme_words.hpp"

namespace rehab::io {

namespace {

const char* const style = R"(@page { size: A4; margin: 12mm 12mm 12mm 12mm; }
body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 13pt; line-height: 1.35; color: #111; margin: 0; }
h1 { font-size: 20pt; margin: 0 0 4pt 0; }
h2 { font-size: 14pt; margin: 0 0 3pt 0; }
h3 { font-size: 12pt; margin: 2pt 0 1pt 0; }
p, li { margin: 0 0 2pt 0; }
.who { margin: 0 0 4pt 0; }
.who .item { display: inline-block; margin-right: 16pt; }
.who .key { color: #444; }
.feel, .stop, .refer, .advice { border: 2pt solid #333; border-radius: 6pt; padding: 5pt 10pt; margin: 6pt 0; page-break-inside: avoid; break-inside: avoid; }
.card { border: 1pt solid #777; border-radius: 6pt; padding: 5pt 10pt; margin: 6pt 0; page-break-inside: avoid; break-inside: avoid; }
.cols { display: flex; gap: 10pt; align-items: flex-start; }
.pic { flex: 0 0 66mm; }
.pic svg { display: block; width: 66mm; height: auto; max-height: 44mm; }
.steps { flex: 1 1 auto; }
.steps ol { margin: 0; padding-left: 16pt; }
.dose { font-weight: bold; }
.care { font-style: italic; }
.log { page-break-before: always; break-before: page; }
.log table { border-collapse: collapse; width: 100%; font-size: 11pt; }
.log th, .log td { border: 1pt solid #555; padding: 4pt; text-align: center; }
.log td:first-child { text-align: left; }
.log td.rest { color: #888; font-size: 9pt; }
.log td.write { height: 22pt; }
@media screen { body { max-width: 186mm; margin: 12mm auto; padding: 0 12pt; } }
.footer { font-size: 9pt; color: #444; border-top: 1pt solid #999; margin-top: 10pt; padding-top: 3pt; }
@media print {
  body { font-size: 10pt; line-height: 1.15; }
  ul, ol { margin: 0; padding-left: 14pt; }
  h1 { font-size: 16pt; } h2 { font-size: 12pt; margin: 0 0 1pt 0; } h3 { font-size: 10pt; margin: 0; }
  p, li { margin: 0 0 1pt 0; }
  .card { padding: 2pt 6pt; margin: 3pt 0; }
  .feel, .stop, .refer, .advice { padding: 3pt 8pt; margin: 4pt 0; }
  .feel h2 { display: inline; font-size: 10pt; } .feel h2:after { content: ": "; } .feel p { display: inline; }
  .pic { flex: 0 0 42mm; padding-top: 2pt; } .pic svg { width: 42mm; max-height: 32mm; }
  .cols { gap: 8pt; }
  .stop ul, .advice ul { columns: 2; column-gap: 18pt; }
  .stop li, .advice li { break-inside: avoid; }
  .steps h3 { display: none; }
  .card, .feel, .stop, .refer, .advice { page-break-inside: avoid; break-inside: avoid; }
})";

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool has_jargon(const std::string& s) {
    std::string l = lower(s);
    for (const char* w : {"eccentric", "concentric", "irritab", "rpe", "isotonic"})
        if (l.find(w) != std::string::npos) return true;
    return false;
}

std::string seconds(int n) { return std::to_string(n) + (n == 1 ? " second" : " seconds"); }

// "1-0-3" or "1 s up, 3 s down" -> "take 1 second to lift and lower slowly over 3 seconds".
std::string tempo_words(const std::string& t) {
    int up = -1, pause = 0, down = -1;
    if (std::sscanf(t.c_str(), "%d-%d-%d", &up, &pause, &down) != 3 &&
        std::sscanf(t.c_str(), "%d s up, %d s down", &up, &down) != 2)
        return has_jargon(t) ? "" : t;
    std::string out;
    if (up > 0) out = "take " + seconds(up) + " to lift";
    if (pause > 0) out += (out.empty() ? "" : ", ") + std::string("hold for ") + seconds(pause);
    if (down > 0)
        out += (out.empty() ? "" : " and ") + std::string("lower ") + (down >= 3 ? "slowly " : "") + "over " +
               seconds(down);
    return out;
}

void line(std::ostringstream& out, const char* tag, const std::string& text, const char* cls = nullptr) {
    out << "<" << tag << (cls ? std::string(" class=\"") + cls + "\"" : "") << ">" << html_escape(text)
        << "</" << tag << ">\n";
}

void card(std::ostringstream& out, const RuleSet& rules, const ProgrammeItem& it, std::size_t n,
          ConditionId condition) {
    const KnowledgeGraph& kg = rules.knowledge();
    const Exercise& ex = kg.exercise(it.exercise);
    // Two columns: the drawing, and beside it the name, what it is for, how much and how (issue 17).
    out << "<div class=\"card\">\n<div class=\"cols\">\n<div class=\"pic\">\n"
        << exercise_figure_svg(kg, ex, plain_words(ex.name)) << "</div>\n<div class=\"steps\">\n";
    line(out, "h2", std::to_string(n) + ". " + plain_words(ex.name));
    if (!ex.purpose.empty() && !has_jargon(ex.purpose)) line(out, "p", ex.purpose, "purpose");
    line(out, "p", "How much: " + dose_in_words(kg, it.dose) + ".", "dose");
    if (const auto& steps = ex.instructions_of(condition); !steps.empty()) {
        out << "<h3>How to do it</h3>\n<ol>\n";
        for (const auto& i : steps) line(out, "li", plain_words(i));
        out << "</ol>\n";
    }
    for (const auto& pc : it.precautions) {  // the rules' notes for this exercise
        if (pc.rule < 0) continue;
        const std::string& text = rules.rule(static_cast<std::uint32_t>(pc.rule)).actions[pc.index].text;
        if (!has_jargon(text)) line(out, "p", "Take care: " + text, "care");
    }
    if (!ex.stop_if.empty() && !has_jargon(ex.stop_if))
        line(out, "p", "Stop this exercise if " + ex.stop_if, "care");
    out << "</div>\n</div>\n";
    out << "</div>\n";
}

void feel(std::ostringstream& out, double ceiling) {
    out << "<div class=\"feel\">\n<h2>How it should feel</h2>\n";
    line(out, "p",
         "Some discomfort is fine if it stays at or below " + number_text(ceiling) +
             " out of 10 during the exercise and has settled by the next morning.");
    out << "</div>\n";
}

// The condition's advice for the day (knowledge: conditions.json "education"), with none of the
// references' jargon: the sources are for the clinician (kb show).
void advice(std::ostringstream& out, const Condition& c) {
    if (c.education.empty()) return;
    out << "<div class=\"advice\">\n<h2>Looking after it day to day</h2>\n<ul>\n";
    for (const auto& e : c.education) line(out, "li", e.text);
    out << "</ul>\n</div>\n";
}

void stop(std::ostringstream& out, double ceiling) {
    std::string n = number_text(ceiling);
    out << "<div class=\"stop\">\n<h2>Stop and contact your clinician if</h2>\n<ul>\n";
    for (const std::string& s :
         {"pain goes above " + n + " out of 10, is sharp, or keeps getting worse from one week to the next;",
          std::string("the area swells;"), std::string("you feel numbness, tingling or weakness in the leg;"),
          std::string("you become unwell (fever), notice a lump in the groin, or have new bladder or bowel "
                      "problems.")})
        line(out, "li", s);
    out << "</ul>\n</div>\n";
}

// The days of a 7-day week (0-6) for `per_week` sessions, spread out: 3 a week is days 1, 3 and 5,
// never two days running when there are rest days enough between them.
std::vector<int> session_days(int per_week) {
    std::vector<int> days;
    const int n = std::clamp(per_week, 1, 7);
    for (int i = 0; i < n; ++i) days.push_back(i * 7 / n);
    return days;
}

// A week's log to print: a box to tick on each exercise's days, and the pain during and the next
// morning to write in, the two values the clinician's review reads (issue 14, finding 20).
void week_log(std::ostringstream& out, const KnowledgeGraph& kg, const std::vector<ProgrammeItem>& items) {
    out << "<div class=\"log\">\n<h2>Your log for the week</h2>\n";
    line(out, "p",
         "Tick the box on the days each exercise is planned. Each evening write down the worst pain during "
         "the exercises (0-10), and each morning the pain on waking (0-10). Bring this page to your next "
         "visit.");
    out << "<table>\n<tr><th>Exercise</th>";
    for (int d = 1; d <= 7; ++d) out << "<th>Day " << d << "</th>";
    out << "</tr>\n";
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto days = session_days(items[i].dose.per_week);
        out << "<tr><td>" << i + 1 << ". " << html_escape(plain_words(kg.exercise(items[i].exercise).name))
            << "</td>";
        for (int d = 0; d < 7; ++d)
            out << (std::find(days.begin(), days.end(), d) != days.end() ? "<td class=\"tick\">\u2610</td>"
                                                                         : "<td class=\"rest\">rest</td>");
        out << "</tr>\n";
    }
    for (const char* row : {"Worst pain during (0-10)", "Pain next morning (0-10)"}) {
        out << "<tr><td>" << row << "</td>";
        for (int d = 0; d < 7; ++d) out << "<td class=\"write\"></td>";
        out << "</tr>\n";
    }
    out << "</table>\n</div>\n";
}

// What the patient should do, in their words: the red flags' advice is the clinician's ("refer for
// same-day medical assessment") and stays in the clinician's views (issue 17).
void referral(std::ostringstream& out, const Recommendation& rec) {
    const bool emergency = most_urgent(rec.referral) == Urgency::emergency;
    out << "<div class=\"refer\">\n<h1>Please see a doctor before you start any exercises</h1>\n";
    line(out, "p",
         "Something you told your clinician, or that they found, needs to be checked by a doctor first. "
         "This is a precaution: it does not mean that something serious has been found.");
    out << "<h2>What to do</h2>\n<ul>\n";
    if (emergency) {
        line(out, "li",
             "Get medical help today: go to an emergency department or an urgent care centre, or "
             "call your doctor's surgery and say that you need to be seen today.");
        line(out, "li",
             "If you suddenly feel much worse, have new numbness between the legs, or cannot pass "
             "water, call the emergency number (999 or 112).");
    } else {
        line(out, "li",
             "Make an appointment to see your doctor (GP) in the next few days, and take this sheet "
             "with you.");
        line(out, "li", "If things get worse before then, call your doctor's surgery the same day.");
    }
    line(out, "li", "Do not start or carry on an exercise programme until a doctor has checked you.");
    out << "</ul>\n</div>\n";
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool valid_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
    return d <= days[m - 1] + (m == 2 && is_leap(y) ? 1 : 0);
}

// "2026-03-04" -> "4 March 2026": a date in words cannot be read the wrong way round.
std::string date_words(const std::string& s) {
    static const char* const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    return std::to_string(std::stoi(s.substr(8, 2))) + " " + months[std::stoi(s.substr(5, 2)) - 1] + " " +
           s.substr(0, 4);
}

void header_rows(std::ostringstream& out, const HandoutHeader& h) {
    std::vector<std::pair<const char*, std::string>> rows;
    if (!h.patient_name.empty()) rows.emplace_back("For", h.patient_name);
    if (!h.clinician.empty()) rows.emplace_back("Your clinician", h.clinician);
    if (!h.clinic.empty()) rows.emplace_back("Contact", h.clinic);
    if (!h.date.empty()) rows.emplace_back("Date", date_words(h.date));
    if (!h.review_date.empty()) rows.emplace_back("Next review", date_words(h.review_date));
    if (rows.empty()) return;
    out << "<p class=\"who\">\n";
    for (const auto& [k, v] : rows)
        out << "<span class=\"item\"><span class=\"key\">" << k << ":</span> <b>" << html_escape(v)
            << "</b></span>\n";
    out << "</p>\n";
}

}  // namespace

std::vector<std::string> check_handout_header(const HandoutHeader& h) {
    std::vector<std::string> problems;
    auto text = [&](const char* field, const std::string& v, std::size_t max) {
        if (v.size() > max)
            problems.push_back(std::string(field) + ": " + std::to_string(v.size()) +
                               " characters, at most " + std::to_string(max) + " allowed");
        for (char c : v)
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                problems.push_back(std::string(field) +
                                   ": control characters (such as a line break) are not allowed");
                break;
            }
    };
    text("patient name", h.patient_name, max_header_name);
    text("clinician", h.clinician, max_header_name);
    text("clinic", h.clinic, max_header_clinic);
    for (auto [field, v] : {std::pair{"date", &h.date}, std::pair{"review date", &h.review_date}})
        if (!v->empty() && !valid_date(*v))
            problems.push_back(std::string(field) + ": '" + v->substr(0, 40) +
                               "' is not a date in the form YYYY-MM-DD (for example 2026-03-04)");
    if (problems.empty() && !h.date.empty() && !h.review_date.empty() && h.review_date < h.date)
        problems.push_back("review date: " + h.review_date + " is before the date of the handout " + h.date);
    return problems;
}

std::string plain_words(const std::string& s) {
    std::string out = s;
    for (auto [from, to] : {std::pair{"Eccentric ", "Controlled "}, std::pair{"eccentric ", "controlled "}}) {
        for (auto at = out.find(from); at != std::string::npos; at = out.find(from, at))
            out.replace(at, std::string(from).size(), to);
    }
    return out;
}

// The dose to do now: the patient sees the target, never the range it will progress through (the
// top of the range is for the clinician's views; issue 14, finding 5).
std::string dose_in_words(const KnowledgeGraph& kg, const PrescribedDose& d) {
    std::vector<std::string> parts;
    std::string sets = std::to_string(d.sets) + (d.sets == 1 ? " set" : " sets");
    if (d.reps) {
        std::string p =
            sets + " of " + std::to_string(*d.reps) + (*d.reps == 1 ? " repetition" : " repetitions");
        if (d.hold_s) p += ", holding each for " + seconds(*d.hold_s);
        parts.push_back(p);
    } else if (d.hold_s) {
        parts.push_back(sets + ", holding for " + seconds(*d.hold_s));
    } else if (d.duration_min) {
        parts.push_back("for " + number_text(*d.duration_min) + " minutes");
    } else {
        parts.push_back(sets);
    }
    if (d.per_side) parts.push_back("on each side");
    if (auto t = tempo_words(d.tempo); !t.empty()) parts.push_back(t);
    if (d.rest_s > 0) parts.push_back("rest " + seconds(d.rest_s) + " between sets");
    if (d.per_week >= 7)
        parts.push_back("every day");
    else if (d.per_week > 0)
        parts.push_back(std::to_string(d.per_week) + (d.per_week == 1 ? " time a week" : " times a week"));
    if (d.band.valid()) parts.push_back(lower(kg.band(d.band).name) + " band");
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
}

std::string programme_to_handout_html(const Recommender& r, const Recommendation& rec, const Profile& p,
                                      const HandoutHeader& header) {
    const KnowledgeGraph& kg = r.knowledge();
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
        << "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, "
           "initial-scale=1\"/>\n"
        << "<title>Your exercise programme</title>\n<style>\n"
        << style << "\n</style>\n</head>\n<body>\n";
    if (rec.referred()) {
        header_rows(out, header);
        referral(out, rec);
    } else {
        line(out, "h1", "Your exercise programme");
        header_rows(out, header);
        line(out, "p",
             "Your clinician chose these exercises for you: do them as described below." +
                 (p.id.empty() ? std::string() : " Reference: " + p.id + "."));
        double ceiling = rec.progress.pain_ceiling.value_or(
            p.condition.valid() ? kg.condition(p.condition).pain_ceiling : 3);
        feel(out, ceiling);
        stop(out, ceiling);
        if (p.condition.valid()) advice(out, kg.condition(p.condition));
        for (std::size_t i = 0; i < rec.items.size(); ++i)
            card(out, r.rules(), rec.items[i], i + 1, p.condition);
        week_log(out, kg, rec.items);
    }
    out << "<div class=\"footer\">\n";
    line(out, "p", "Exercise library: " + kg.name() + ", version " + kg.version() + ".");
    line(out, "p",
         rec.referred() ? "This sheet is not a substitute for examination by a doctor."
                        : "Your clinician chose these exercises for you; this sheet is not a "
                          "substitute for examination. If anything changes, contact your clinician.");
    out << "</div>\n</body>\n</html>\n";
    return out.str();
}

}  // namespace rehab::io
