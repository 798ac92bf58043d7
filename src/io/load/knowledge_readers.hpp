// Readers for each kind of knowledge entity: turn one JSON array (e.g. the "muscles" array of a file)
// into specs, checking every field's type, range and enumeration with located KB diagnostics.
// Linking ids to each other is not done here; KnowledgeGraph::build() does that.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/base/diagnostic.hpp"
#include "core/knowledge/model.hpp"
#include "io/json/reader.hpp"

namespace rehab::io {

// Where the array being read is: file and JSON pointer of the array ("/muscles").
struct ArrayPlace {
    std::string file;
    std::string pointer;
};

void read_references(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out);
void read_movements(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out);
void read_named(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, std::vector<SimpleSpec>& out);
void read_muscles(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out);
void read_bands(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out);
void read_red_flags(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out);
void read_conditions(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out);
void read_codes(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out);
void read_exercises(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out);
void read_ladders(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out);

// Shared field helpers for the readers.
// A [min, max] range (a single number n means [n, n]) with both ends within [lo, hi] and min <= max.
std::optional<Range> read_range(FieldReader& r, const std::string& key, bool required, double lo, double hi);
// A list of enumeration names parsed with `parse`; bad items are reported (KB007) and skipped.
template <class E>
std::vector<E> read_enum_list(FieldReader& r, const std::string& key, bool required,
                              std::optional<E> (*parse)(std::string_view),
                              const std::vector<std::string>& allowed);
std::vector<std::string> stage_names();
std::vector<std::string> contraction_names();

}  // namespace rehab::io
