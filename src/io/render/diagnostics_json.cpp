// Diagnostics as a JSON array: the shape shared by `rehab batch` error records and `rehab serve`.
#include "io/render/diagnostics_json.hpp"

namespace rehab::io {

nlohmann::json diagnostics_to_json(const Diagnostics& d, bool with_line) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& x : d.items()) {
        nlohmann::json e{{"code", x.code}, {"severity", x.severity == Severity::error ? "error" : "warning"}};
        if (!x.location.pointer.empty()) e["pointer"] = x.location.pointer;
        if (with_line && x.location.line > 0) e["line"] = x.location.line;
        if (x.location.line > 0) e["column"] = x.location.column;
        e["message"] = x.message;
        if (!x.hint.empty()) e["hint"] = x.hint;
        errors.push_back(std::move(e));
    }
    return errors;
}

}  // namespace rehab::io
