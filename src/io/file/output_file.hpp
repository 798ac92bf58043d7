// Where a command's output goes (--out): a regular file is replaced atomically (a temporary file beside
// the symlink-resolved target, its mode kept, fsync of file and folder, then rename); any other target
// (a device such as /dev/null, a FIFO, a socket, "-" for standard output) is written in place, streaming.
// Write errors (a full disk, a closed pipe) are reported by commit(); an uncommitted file leaves nothing.
#pragma once
#include <memory>
#include <ostream>
#include <string>

#include "core/base/diagnostic.hpp"

namespace rehab::io {

class OutputFile {
public:
    // Null, with one error with `code` located at `path`, when the target cannot be opened.
    static std::unique_ptr<OutputFile> open(const std::string& path, Diagnostics& d, const std::string& code);
    // The checks open() makes before creating anything, for a command to run before its work: the
    // path is not a folder (nor ends in '/') and its folder exists (folders are never created).
    static bool check_target(const std::string& path, Diagnostics& d, const std::string& code);
    ~OutputFile();  // not committed: the temporary file is removed, the target untouched
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    std::ostream& stream();  // buffered; an error while writing is remembered for commit()
    // Flushes; for a replaced file also fsyncs it, renames it over the target and fsyncs the folder.
    // False, with one error, when any step failed (the temporary file is then removed).
    bool commit(Diagnostics& d);
    bool atomic() const;  // a regular file replaced on commit (else written in place)

    struct Impl;

private:
    explicit OutputFile(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace rehab::io
