// Fact schema: registration, lookup and value formatting.
#include "core/lang/fact_schema.hpp"

#include <cmath>
#include <cstdio>

namespace rehab {

const char* to_string(FactType t) {
    switch (t) {
        case FactType::number:
            return "number";
        case FactType::boolean:
            return "boolean";
        case FactType::enumeration:
            return "enumeration";
    }
    return "?";
}

std::optional<std::uint32_t> EnumDomain::find(std::string_view v) const {
    for (std::uint32_t i = 0; i < values.size(); ++i)
        if (values[i] == v) return i;
    return std::nullopt;
}

std::uint32_t FactSchema::add_domain(std::string name, std::vector<std::string> values) {
    if (auto d = find_domain(name)) return *d;
    domains_.push_back({std::move(name), std::move(values)});
    return static_cast<std::uint32_t>(domains_.size() - 1);
}

FactSlot FactSchema::add(FactDef def) {
    if (auto s = find(def.name)) return *s;
    auto slot = static_cast<FactSlot>(facts_.size());
    by_name_.emplace(def.name, slot);
    facts_.push_back(std::move(def));
    return slot;
}

std::optional<FactSlot> FactSchema::find(std::string_view name) const {
    auto it = by_name_.find(std::string(name));
    if (it == by_name_.end()) return std::nullopt;
    return it->second;
}

std::optional<std::uint32_t> FactSchema::find_domain(std::string_view name) const {
    for (std::uint32_t i = 0; i < domains_.size(); ++i)
        if (domains_[i].name == name) return i;
    return std::nullopt;
}

std::vector<std::string> FactSchema::names() const {
    std::vector<std::string> out;
    out.reserve(facts_.size());
    for (const auto& f : facts_) out.push_back(f.name);
    return out;
}

std::string FactSchema::format_value(FactSlot s, double v) const {
    const FactDef& f = facts_[s];
    if (f.type == FactType::boolean) return v != 0 ? "true" : "false";
    if (f.type == FactType::enumeration) {
        const auto& vals = domains_[f.domain].values;
        auto i = static_cast<std::size_t>(v);
        return i < vals.size() ? vals[i] : "?";
    }
    return number_text(v);
}

std::string number_text(double v) {
    char buf[32];
    if (std::abs(v - std::round(v)) < 1e-9)
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else
        std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

FactValues::FactValues(const FactSchema& schema) : values_(schema.size()) {
    for (FactSlot s = 0; s < schema.size(); ++s)
        if (const auto& d = schema.fact(s).default_value) values_[s] = {*d, true};
}

}  // namespace rehab
