// Flat outputs for tables (`rehab batch --format csv|csv-long`, pandas.read_csv in one call): one row
// per profile (ids, condition, stage, irritability, referral, exercise count and ids, key inputs), or
// one row per profile x exercise (dose, component, change). Every row, error rows included, starts
// with the input line and the profile id (when it could be read), so results join back to inputs.
#pragma once
#include <cstddef>
#include <string>

#include "core/base/diagnostic.hpp"
#include "core/recommend/profile.hpp"
#include "core/recommend/programme.hpp"
#include "core/recommend/recommender.hpp"

namespace rehab::io {

enum class CsvShape { wide, long_form };

// The header line (with its newline).
std::string programme_csv_header(CsvShape shape);

// The rows for one recommended profile, separated by newlines, without a trailing one.
void append_programme_csv(const Recommender& r, const Recommendation& rec, const Profile& p, std::size_t line,
                          CsvShape shape, std::string& out);

// The one row for a refused line: its number, the profile id when `text` is a JSON object with a
// string "id", the error codes (space-separated) and the first error's message. No trailing newline.
void append_error_csv(std::size_t line, const std::string& text, const Diagnostics& d, CsvShape shape,
                      std::string& out);

// The same row with `empty_columns` empty fields after the five common ones (another table's error row).
void append_error_csv_row(std::size_t line, const std::string& text, const Diagnostics& d,
                          std::size_t empty_columns, std::string& out);

// The "id" of a profile text that did not validate: "" when it is not JSON or has no string id.
std::string readable_profile_id(const std::string& text);

// One CSV field (RFC 4180): quoted when it holds a comma, a quote, a newline or a carriage return.
void append_csv_field(std::string& out, const std::string& value);

}  // namespace rehab::io
