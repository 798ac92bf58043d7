// Rules as plain values, as read from rules/*.json before they are checked and compiled:
// id, rationale, evidence, priority, a `when` condition string and `then` actions.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/knowledge/model.hpp"

namespace rehab {

enum class ActionKind { refer, derive, exclude, require, prefer, avoid, dose, limit, warn };
const char* to_string(ActionKind k);

struct ActionSpec {
    ActionKind kind = ActionKind::warn;
    std::string pointer;         // JSON pointer of the action, for diagnostics
    std::string select_pointer;  // JSON pointer of the selector text (the action's, in shorthand form)
    std::string select;          // exclude / require / prefer / avoid / dose / warn (optional for warn)
    std::string fact, value;     // derive: fact name and value expression
    double weight = 1;           // prefer / avoid
    std::string text;            // warn text, refer reason
    std::string red_flag;        // refer: the red flag id (its concern and urgency come from the knowledge)
    std::string urgency;         // refer without a red flag: emergency | urgent
    // dose
    std::string level;  // "low" (bottom of every range) or "full" (top sets, bottom reps)
    std::optional<int> sets, reps, hold_s, rest_s, per_week;
    std::optional<double> volume_scale;  // scales sets x reps (rounded, kept within the range)
    int band_step = 0;                   // -1 = one band colour lighter
    std::string tempo;
    std::optional<bool> per_side;  // false: the affected side only (not "on each side")
    // limit
    std::string component;  // "" = the whole programme
    std::optional<int> min, max;
    // window (read as an exclude of the ladder's rungs outside low..high)
    std::string window_ladder;
    int window_low = 0, window_high = 0;
};

struct RuleSpec {
    std::string id, rationale, grade;
    std::vector<std::string> references;
    int priority = 0;
    std::string when;
    std::vector<ActionSpec> then;
    Location origin;       // file + pointer of the rule
    std::string category;  // optional grouping: safety, stage, availability, selection, dosage, progression
};

struct DerivedFactSpec {
    std::string name, type;  // type: number | boolean | enumeration
    std::vector<std::string> values;
    std::optional<double> min, max;
    std::string label, unit, description;
    Location origin;
};

struct RuleSetData {
    std::string version;
    std::vector<DerivedFactSpec> facts;
    std::vector<RuleSpec> rules;
    std::string content_hash;
};

}  // namespace rehab
