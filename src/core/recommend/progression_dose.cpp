// Progression, dose words: a dose step, a dose and a number as the progression reasons write them.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/recommend/progression_detail.hpp"

namespace rehab {

namespace progression {

std::string step_text(const KnowledgeGraph& kg, const DoseStep& s) {
    auto change = [&](const char* what, const char* unit) {
        return std::string(what) + " " + std::to_string(s.from) + unit + " -> " + std::to_string(s.to) + unit;
    };
    switch (s.field) {
        case DoseField::reps:
            return change("reps", "");
        case DoseField::hold:
            return change("hold", " s");
        case DoseField::sets:
            return change("sets", "");
        case DoseField::band: {
            std::string t = "band " + kg.band(BandId(static_cast<std::uint32_t>(s.from))).name + " -> " +
                            kg.band(BandId(static_cast<std::uint32_t>(s.to))).name;
            if (s.reps_back_to) t += ", reps back to " + std::to_string(*s.reps_back_to);
            return t;
        }
        case DoseField::none:
            break;
    }
    return "";
}

}  // namespace progression

std::string format_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s;
}

std::string format_dose(const KnowledgeGraph& kg, const PrescribedDose& d) {
    std::string s = std::to_string(d.sets) + " x ";
    if (d.reps) {
        s += std::to_string(*d.reps);
        if (d.hold_s) s += ", hold " + std::to_string(*d.hold_s) + " s";
    } else if (d.hold_s) {
        s += "hold " + std::to_string(*d.hold_s) + " s";
    } else if (d.duration_min) {
        s += format_number(*d.duration_min) + " min";
    } else {
        s += "1";
    }
    if (d.band.valid()) s += ", " + kg.band(d.band).name + " band";
    return s;
}

}  // namespace rehab
