// Internal to the profile reader: what its parts share — the knowledge graph, the diagnostics and the
// file — plus the id lookups (PR005 with the nearest id, PR006 for an ambiguous condition code), the
// range-checked numbers (PR007 with the clinical meaning of the range) and PR008 reports.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/base/diagnostic.hpp"
#include "core/knowledge/graph.hpp"
#include "core/profile/profile_limits.hpp"
#include "core/recommend/profile.hpp"
#include "io/json/reader.hpp"

namespace rehab::io::detail {

enum class IdKind { condition, red_flag, movement, position, equipment, exercise, band, activity };

// An accepted range (the table is core/profile/profile_limits.hpp).
using Limit = ProfileLimit;
inline constexpr Limit pain_limit = limits::pain;

class ProfileContext {
public:
    ProfileContext(const KnowledgeGraph& kg, std::string file, Diagnostics& d)
        : kg_(&kg), file_(std::move(file)), d_(&d) {}

    [[nodiscard]] const KnowledgeGraph& kg() const { return *kg_; }
    [[nodiscard]] Diagnostics& diagnostics() const { return *d_; }
    [[nodiscard]] const std::string& file() const { return file_; }
    [[nodiscard]] FieldReader reader(const nlohmann::json& object, const std::string& pointer) const {
        return FieldReader(object, file_, pointer, *d_, "PR");
    }

    // The id value of `name` (for activities: its position in activity_names()), or PR005 and nullopt.
    std::optional<std::uint32_t> find(IdKind kind, const std::string& name, const std::string& pointer) const;
    // A condition id or a code from the alias table (PR005 unknown, PR006 ambiguous).
    std::optional<ConditionId> condition(const std::string& value, const std::string& pointer) const;
    // An array of ids at `key` (PR002 per non-string item, PR005 unknown, PR008 duplicate).
    std::vector<std::uint32_t> id_list(FieldReader& r, const std::string& key, IdKind kind) const;
    // A number (or integer) field within `limit`: PR002 wrong type, PR003 missing, PR007 out of range.
    std::optional<double> number(FieldReader& r, const std::string& key, const Limit& limit,
                                 bool required = false) const;
    std::optional<int> integer(FieldReader& r, const std::string& key, const Limit& limit,
                               bool required = false) const;
    // PR008 at `pointer`.
    void inconsistent(const std::string& pointer, const std::string& message,
                      const std::string& hint = {}) const;

private:
    const KnowledgeGraph* kg_;
    std::string file_;
    Diagnostics* d_;
};

// "did you mean" text for `name` among `candidates`: the nearest by edit distance, else the one sharing
// the most '_'-separated words (when unique); "" when nothing is close.
std::string suggest(const std::string& name, const std::vector<std::string>& candidates);

// The history section (programme and logged sessions), read and cross-checked.
History read_history(const nlohmann::json& object, const std::string& pointer, const ProfileContext& c);

}  // namespace rehab::io::detail
