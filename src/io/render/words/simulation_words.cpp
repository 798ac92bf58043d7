// Sentences for the invariants a simulated review can break, one per InvariantKind.
#include "io/render/words/simulation_words.hpp"

#include "io/render/words/note_words.hpp"

namespace rehab::io {

std::string violation_text(const KnowledgeGraph& kg, const Violation& v) {
    const std::string at = "week " + std::to_string(v.week) + ": " + kg.exercise(v.exercise).name;
    switch (v.kind) {
        case InvariantKind::excluded_in_programme:
            return at + " is in the programme but excluded";
        case InvariantKind::contraindicated_in_programme:
            return at + " is in the programme but contraindicated";
        case InvariantKind::progressed_over_ceiling:
            return at + " was progressed although pain during " + kg.exercise(v.logged_as).name +
                   " reached " + format_number(v.pain) + "/10, above the ceiling";
        case InvariantKind::progress_regress_flips:
            return at + " was progressed then regressed " + std::to_string(v.flips) + " times in a row";
    }
    return at;
}

}  // namespace rehab::io
