// Writes a whole output text to a path with OutputFile's rule: a regular file is replaced atomically
// (a reader never sees a partial file, a failure leaves the old one), a device, FIFO or "-" is written
// in place. Folders are never created: a missing one is an error.
#pragma once
#include <string>

#include "core/base/diagnostic.hpp"

namespace rehab::io {

// False (and one error with `code`, located at `path`) when the file cannot be written.
bool write_file_atomic(const std::string& path, const std::string& text, Diagnostics& d,
                       const std::string& code);

}  // namespace rehab::io
