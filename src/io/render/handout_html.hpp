// The patient handout: one self-contained, printable XHTML page (inline CSS, no scripts, no
// external resources, A4) in plain words: each exercise with what it is for, how to do it and how
// much, how it should feel, when to stop and call; or, for a referral, to see a doctor first.
#pragma once
#include <string>

#include "core/recommend/profile.hpp"
#include "core/recommend/programme.hpp"
#include "core/recommend/recommender.hpp"

namespace rehab::io {

std::string programme_to_handout_html(const Recommender& r, const Recommendation& rec, const Profile& p);

// Escapes text for HTML/XML content and attribute values (& < > " ').
std::string html_escape(const std::string& s);
// An exercise's dose in plain words: "3 sets of 10-15 repetitions, lower slowly over 3 seconds,
// 3 times a week, red band".
std::string dose_in_words(const KnowledgeGraph& kg, const PrescribedDose& d);
// Clinician words replaced for the patient ("eccentric" does not appear in a handout).
std::string plain_words(const std::string& s);

}  // namespace rehab::io
