// Renders the patient handout as well-formed XHTML: every element closed, all text escaped, no
// dates (the same programme prints the same page), no rule ids or clinical jargon.
#include "io/render/handout_html.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "io/render/programme_words.hpp"

namespace rehab::io {

namespace {

const char* const style = R"(@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 14pt; line-height: 1.5; color: #111; margin: 0; }
h1 { font-size: 22pt; margin: 0 0 6pt 0; }
h2 { font-size: 17pt; margin: 0 0 6pt 0; }
h3 { font-size: 14pt; margin: 8pt 0 2pt 0; }
p, li { margin: 0 0 4pt 0; }
.feel, .stop, .refer, .advice { border: 2pt solid #333; border-radius: 6pt; padding: 8pt 12pt; margin: 10pt 0; page-break-inside: avoid; break-inside: avoid; }
.card { border: 1pt solid #777; border-radius: 6pt; padding: 8pt 12pt; margin: 10pt 0; page-break-inside: avoid; break-inside: avoid; }
.dose { font-weight: bold; }
.care { font-style: italic; }
.log { page-break-before: always; break-before: page; }
.log table { border-collapse: collapse; width: 100%; font-size: 11pt; }
.log th, .log td { border: 1pt solid #555; padding: 4pt; text-align: center; }
.log td:first-child { text-align: left; }
.log td.rest { color: #888; font-size: 9pt; }
.log td.write { height: 22pt; }
.footer { font-size: 10pt; color: #444; border-top: 1pt solid #999; margin-top: 14pt; padding-top: 4pt; }
@media print { .card, .feel, .stop, .refer { page-break-inside: avoid; } })";

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
    out << "<div class=\"card\">\n";
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

void referral(std::ostringstream& out, const Recommender& r, const Recommendation& rec) {
    bool emergency = most_urgent(rec.referral) == Urgency::emergency;
    out << "<div class=\"refer\">\n<h1>Please see a doctor before you start any exercises</h1>\n";
    line(out, "p",
         emergency ? "Please get medical help today. Do not start or continue an exercise programme until "
                     "you have been checked."
                   : "Please see your doctor or clinician soon, before you start an exercise programme.");
    out << "<ul>\n";
    for (const auto& x : rec.referral) {
        if (x.red_flag.valid()) {
            const RedFlag& f = r.knowledge().red_flag(x.red_flag);
            line(out, "li", f.name + ". " + f.advice);
        } else {
            line(out, "li", x.reason);
        }
    }
    out << "</ul>\n</div>\n";
}

}  // namespace

std::string html_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";  // valid in HTML and in XML
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r')
                    out += ' ';  // not allowed in XML 1.0
                else
                    out += c;
        }
    return out;
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

std::string programme_to_handout_html(const Recommender& r, const Recommendation& rec, const Profile& p) {
    const KnowledgeGraph& kg = r.knowledge();
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
        << "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, "
           "initial-scale=1\"/>\n"
        << "<title>Your exercise programme</title>\n<style>\n"
        << style << "\n</style>\n</head>\n<body>\n";
    if (rec.referred()) {
        referral(out, r, rec);
    } else {
        line(out, "h1", "Your exercise programme");
        if (!p.id.empty()) line(out, "p", "Reference: " + p.id);
        line(out, "p", "These exercises were chosen for you by your clinician. Do them as described below.");
        double ceiling = rec.progress.pain_ceiling.value_or(
            p.condition.valid() ? kg.condition(p.condition).pain_ceiling : 3);
        feel(out, ceiling);
        if (p.condition.valid()) advice(out, kg.condition(p.condition));
        for (std::size_t i = 0; i < rec.items.size(); ++i)
            card(out, r.rules(), rec.items[i], i + 1, p.condition);
        stop(out, ceiling);
        week_log(out, kg, rec.items);
    }
    out << "<div class=\"footer\">\n";
    line(out, "p", "Exercise library: " + kg.name() + ", version " + kg.version() + ".");
    line(out, "p", programme_disclaimer);
    out << "</div>\n</body>\n</html>\n";
    return out.str();
}

}  // namespace rehab::io
