// write_file_atomic(): one whole text through OutputFile, so that every command's --out follows the
// same rule (regular files replaced atomically, devices, FIFOs and "-" written in place).
#include "io/file/atomic_file.hpp"

#include "io/file/output_file.hpp"

namespace rehab::io {

bool write_file_atomic(const std::string& path, const std::string& text, Diagnostics& d,
                       const std::string& code) {
    auto out = OutputFile::open(path, d, code);
    if (!out) return false;
    out->stream().write(text.data(), static_cast<std::streamsize>(text.size()));
    return out->commit(d);
}

}  // namespace rehab::io
