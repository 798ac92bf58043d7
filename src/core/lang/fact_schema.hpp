// The facts a rule set may read and write: name, type, enumeration domain, range and a label a
// clinician reads. Rules are checked against it at load time and compiled to numbered slots, so the
// engine never looks a fact up by name while it runs.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rehab {

enum class FactType { number, boolean, enumeration };
const char* to_string(FactType t);

struct EnumDomain {
    std::string name;                 // "condition", "stage", ...
    std::vector<std::string> values;  // index = encoded value
    std::optional<std::uint32_t> find(std::string_view v) const;
};

struct FactDef {
    std::string name;  // dotted: "pain.resisted.hip_adduction"
    FactType type = FactType::number;
    std::uint32_t domain = 0;          // for enumerations: index into FactSchema::domains()
    double min = -1e300, max = 1e300;  // numbers: the valid range
    std::string label;                 // "pain on resisted hip adduction"
    std::string unit;                  // "/10", "s", "days"
    bool derived = false;
    bool indexed = false;                 // rules are bucketed by this fact's value
    std::optional<double> default_value;  // used when the input leaves it out
    std::string description;
};

using FactSlot = std::uint32_t;

// A number as the rule language and every renderer write it: "3", "0.75" (one formatting, used by
// FactSchema::format_value and io::number_text).
std::string number_text(double v);

class FactSchema {
public:
    std::uint32_t add_domain(std::string name, std::vector<std::string> values);
    // Returns the slot; a second add of the same name is a programming error (returns the old slot).
    FactSlot add(FactDef def);
    std::optional<FactSlot> find(std::string_view name) const;
    std::optional<std::uint32_t> find_domain(std::string_view name) const;
    const FactDef& fact(FactSlot s) const { return facts_[s]; }
    FactDef& fact_mut(FactSlot s) { return facts_[s]; }
    const EnumDomain& domain(std::uint32_t d) const { return domains_[d]; }
    std::size_t size() const { return facts_.size(); }
    const std::vector<FactDef>& facts() const { return facts_; }
    const std::vector<EnumDomain>& domains() const { return domains_; }
    std::vector<std::string> names() const;
    // "early" for an enumeration slot, "6" / "0.75" for a number, "true"/"false" for a boolean.
    std::string format_value(FactSlot s, double v) const;

private:
    std::vector<FactDef> facts_;
    std::vector<EnumDomain> domains_;
    std::unordered_map<std::string, FactSlot> by_name_;
};

// The value of one fact for one patient: unknown unless `known`.
struct FactValue {
    double value = 0;
    bool known = false;
};

// All facts of one evaluation, indexed by slot.
class FactValues {
public:
    FactValues() = default;
    explicit FactValues(const FactSchema& schema);  // defaults applied, everything else unknown
    void set(FactSlot s, double v) { values_[s] = {v, true}; }
    void clear(FactSlot s) { values_[s] = {}; }
    const FactValue& get(FactSlot s) const { return values_[s]; }
    FactValue& at(FactSlot s) { return values_[s]; }
    std::size_t size() const { return values_.size(); }

private:
    std::vector<FactValue> values_;
};

}  // namespace rehab
