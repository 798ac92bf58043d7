// Resolves the profile's condition: a condition id, or a code from the knowledge alias table
// ("S76.2", "icd10:S76.2", "snomed:7674000"); ICD-10-CM entries also accept their children by prefix
// ("S76.211A" under "S76.21"). A code naming several conditions is refused as ambiguous (PR006).
#include <algorithm>
#include <cctype>

#include "io/load/profile_context.hpp"

namespace rehab::io::detail {

namespace {

enum class Family { any, icd, snomed, unknown };

Family family_of(std::string system) {
    std::string s;
    for (char ch : system)
        if (std::isalnum(static_cast<unsigned char>(ch)))
            s += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (s == "icd10" || s == "icd10cm" || s == "icd" || s == "icd10who") return Family::icd;
    if (s == "snomed" || s == "snomedct" || s == "sct") return Family::snomed;
    return Family::unknown;
}

// Upper case, without dots, spaces and a trailing category dash: "s76.21-" -> "S7621".
std::string normalise(const std::string& code) {
    std::string out;
    for (char ch : code)
        if (ch != '.' && ch != '-' && !std::isspace(static_cast<unsigned char>(ch)))
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return out;
}

struct Query {
    Family family = Family::any;
    std::string code;  // normalised
};

Query parse_query(const std::string& value) {
    Query q;
    auto colon = value.find(':');
    if (colon == std::string::npos) {
        q.code = normalise(value);
    } else {
        q.family = family_of(value.substr(0, colon));
        q.code = normalise(value.substr(colon + 1));
    }
    return q;
}

// The conditions the code maps to: exact matches first, else the longest accepting category.
std::vector<ConditionId> code_conditions(const KnowledgeGraph& kg, const Query& q) {
    std::vector<ConditionId> exact, prefix;
    std::size_t best = 0;
    for (const auto& alias : kg.codes()) {
        const Family f = family_of(alias.system);
        if (q.family != Family::any && q.family != f) continue;
        const std::string code = normalise(alias.code);
        if (code.empty()) continue;
        if (code == q.code) {
            exact.push_back(alias.condition);
            continue;
        }
        const bool accepts_children = alias.match == "category" || alias.system == "icd10cm";
        if (f != Family::icd || !accepts_children || q.code.size() <= code.size() ||
            q.code.rfind(code, 0) != 0)
            continue;
        if (code.size() > best) {
            best = code.size();
            prefix.clear();
        }
        if (code.size() == best) prefix.push_back(alias.condition);
    }
    auto& out = exact.empty() ? prefix : exact;
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace

std::optional<ConditionId> ProfileContext::condition(const std::string& value,
                                                     const std::string& pointer) const {
    if (auto id = kg_->find_condition(value)) return id;
    const Query q = parse_query(value);
    if (q.family != Family::unknown && !q.code.empty()) {
        auto found = code_conditions(*kg_, q);
        if (found.size() == 1) return found.front();
        if (found.size() > 1) {
            std::string list;
            for (auto c : found) list += (list.empty() ? "" : ", ") + kg_->condition(c).key;
            d_->error("PR006", {file_, pointer},
                      "condition code '" + value + "' is ambiguous: it maps to " + list,
                      "give the condition id instead (one of: " + list + ")");
            return std::nullopt;
        }
    }
    std::vector<std::string> keys;
    for (const auto& c : kg_->conditions()) keys.push_back(c.key);
    d_->error("PR005", {file_, pointer},
              "unknown condition '" + value +
                  "', expected a condition id or a code from the alias table (knowledge/codes.json)",
              suggest(value, keys));
    return std::nullopt;
}

}  // namespace rehab::io::detail
