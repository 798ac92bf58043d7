// Location: where a piece of user data (or a problem with it) is. A file, a JSON pointer inside
// it, and a 1-based line and column (in the file, or in a rule expression string); 0 when unknown.
// Specs carry the location they were read from; diagnostics point inside it with at().
#pragma once
#include <string>
#include <string_view>

namespace rehab {

struct Location {
    std::string file;     // file (or "<input>") the data is in; "" when not applicable
    std::string pointer;  // JSON pointer inside the file ("" when not applicable)
    int line = 0;         // 1-based line, 0 when unknown
    int column = 0;       // 1-based column (in the file, or in the rule expression), 0 when unknown

    // The same place, deeper in the JSON document: at("/then/0") appends to the pointer.
    [[nodiscard]] Location at(std::string_view sub) const {
        Location l = *this;
        l.pointer += sub;
        return l;
    }
    // The same place, at a column (of the file's line, or of the expression string at this pointer).
    [[nodiscard]] Location at_column(int c) const {
        Location l = *this;
        l.column = c;
        return l;
    }
    bool operator==(const Location&) const = default;
};

}  // namespace rehab
