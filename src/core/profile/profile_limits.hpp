// The clinically meaningful range of every number a profile holds, shared by the JSON reader
// (io/load) and the check of a Profile built in code (profile_check): one table, one set of words.
#pragma once

namespace rehab {

// An accepted range, for "<what> must be <min>-<max><unit>, found <x>".
struct ProfileLimit {
    double min, max;
    const char* what;
    const char* unit;
    bool integral = false;
};

namespace limits {
inline constexpr ProfileLimit pain{0, 10, "pain", " on the numeric rating scale"};
inline constexpr ProfileLimit age{0, 120, "age", " years"};
inline constexpr ProfileLimit days_since_onset{0, 36500, "days since onset", " days"};
inline constexpr ProfileLimit single_leg_stance{0, 600, "single-leg stance time", " seconds"};
inline constexpr ProfileLimit squeeze_ratio{0, 2, "squeeze ratio (affected/unaffected side)", ""};
inline constexpr ProfileLimit sets{1, 20, "sets", "", true};
inline constexpr ProfileLimit reps{1, 200, "repetitions", "", true};
inline constexpr ProfileLimit hold{1, 600, "hold time", " seconds", true};
inline constexpr ProfileLimit session_day{0, 3650, "session day", " (days from the start of the programme)",
                                          true};
inline constexpr ProfileLimit rpe{0, 10, "effort (RPE)", " on the 0-10 scale"};
}  // namespace limits

}  // namespace rehab
