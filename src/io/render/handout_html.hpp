// The patient handout: one self-contained, printable XHTML page (inline CSS, no scripts, no
// external resources, A4) in plain words: each exercise with what it is for, how to do it and how
// much, how it should feel, when to stop and call, with a drawing of each exercise (figure/); or,
// for a referral, what to do to see a doctor first.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/recommend/profile.hpp"
#include "core/recommend/programme.hpp"
#include "core/recommend/recommender.hpp"
#include "io/render/words/markup_escape.hpp"  // html_escape, used with the handout

namespace rehab::io {

// Optional lines at the top of the handout, as the clinician gives them (rehab recommend
// --patient-name ..., or the query of /v1/recommend?view=html); empty: not printed.
struct HandoutHeader {
    std::string patient_name, clinician, clinic, date, review_date;  // dates YYYY-MM-DD
};
inline constexpr std::size_t max_header_name = 80, max_header_clinic = 160;

// Every problem with the header fields, each as "field: what is wrong" (empty: all good): a date
// that is not a real YYYY-MM-DD, a review before the date, a field too long or with a control character.
std::vector<std::string> check_handout_header(const HandoutHeader& h);

std::string programme_to_handout_html(const Recommender& r, const Recommendation& rec, const Profile& p,
                                      const HandoutHeader& header = {});

// An exercise's dose in plain words: "3 sets of 10-15 repetitions, lower slowly over 3 seconds,
// 3 times a week, red band".
std::string dose_in_words(const KnowledgeGraph& kg, const PrescribedDose& d);
// Clinician words replaced for the patient ("eccentric" does not appear in a handout).
std::string plain_words(const std::string& s);

}  // namespace rehab::io
