// Dose values: the dose prescribed for one exercise and one step of it (dosing.hpp computes them).
// Plain values below programme.hpp and note.hpp, so both can hold them.
#pragma once
#include <optional>
#include <string>

#include "core/base/ids.hpp"

namespace rehab {

struct PrescribedDose {
    int sets = 1;
    std::optional<int> reps, reps_top;  // prescribed reps, and the top of the range (progress there)
    std::optional<int> hold_s, hold_top;
    std::optional<double> duration_min;
    std::string tempo;
    int rest_s = 0;
    int per_week = 0;
    BandId band;  // invalid: no band
    bool per_side = false;
    bool operator==(const PrescribedDose&) const = default;
};

enum class DoseField { none, reps, hold, sets, band };

// One step of a dose: the field changed, from and to (band: band indices), and for a band step up
// the reps it put back to the bottom of the range. `field == none`: no step was possible.
struct DoseStep {
    DoseField field = DoseField::none;
    int from = 0, to = 0;
    std::optional<int> reps_back_to;
    explicit operator bool() const { return field != DoseField::none; }
    bool operator==(const DoseStep&) const = default;
};

}  // namespace rehab
