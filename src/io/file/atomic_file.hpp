// Writes an output file atomically: the text goes to a temporary file next to the target, which
// is then renamed over it, so a reader never sees a partial file and a failure leaves nothing behind.
// Missing parent folders are created.
#pragma once
#include <string>

#include "core/base/diagnostic.hpp"

namespace rehab::io {

// False (and one error with `code`, located at `path`) when the file cannot be written.
bool write_file_atomic(const std::string& path, const std::string& text, Diagnostics& d,
                       const std::string& code);

}  // namespace rehab::io
