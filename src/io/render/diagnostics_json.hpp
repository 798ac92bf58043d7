// Diagnostics as JSON, the one shape every program writes them in (batch error records, the
// service's error bodies): each {code, severity, pointer, line, column, message, hint}, the
// optional members only when known. Keys sorted, as nlohmann::json writes them.
#pragma once
#include <nlohmann/json.hpp>

#include "core/base/diagnostic.hpp"

namespace rehab::io {

// with_line: include "line" (a document's line); batch records leave it out (the record is the line).
nlohmann::json diagnostics_to_json(const Diagnostics& d, bool with_line);

}  // namespace rehab::io
