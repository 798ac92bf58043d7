// POSIX implementation of OutputFile: a streambuf over a file descriptor that keeps the first write
// error, target classification with lstat/stat (symlinks followed to the file they name), and the
// temporary-file dance of an atomic replace.
#include "io/file/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <streambuf>

namespace rehab::io {

namespace {

namespace fs = std::filesystem;

// Unbuffered at the OS level, buffered here; the first failing write's errno is kept.
class FdBuf : public std::streambuf {
public:
    explicit FdBuf(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }
    int error() const { return error_; }
    bool drain() {
        const char* p = pbase();
        std::size_t left = static_cast<std::size_t>(pptr() - pbase());
        while (left > 0 && error_ == 0) {
            const ssize_t n = ::write(fd_, p, left);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                error_ = n < 0 ? errno : EIO;
                break;
            }
            p += n;
            left -= static_cast<std::size_t>(n);
        }
        setp(buffer_, buffer_ + sizeof buffer_);
        return error_ == 0;
    }

protected:
    int_type overflow(int_type c) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) sputc(traits_type::to_char_type(c));
        return traits_type::not_eof(c);
    }
    int sync() override { return drain() ? 0 : -1; }

private:
    int fd_;
    int error_ = 0;
    char buffer_[1 << 16];
};

// The file a path names after following symlinks (relative links resolve against their folder).
fs::path resolve_links(fs::path p) {
    for (int hops = 0; hops < 40; ++hops) {
        std::error_code ec;
        if (!fs::is_symlink(fs::symlink_status(p, ec))) return p;
        fs::path target = fs::read_symlink(p, ec);
        if (ec) return p;
        p = target.is_absolute() ? target : p.parent_path() / target;
    }
    return p;  // a loop: opening it reports the error
}

std::string errno_text(int e) { return std::strerror(e); }

}  // namespace

struct OutputFile::Impl {
    std::string path;  // as the user gave it
    fs::path target;   // the regular file replaced (atomic), else empty
    std::string temp;  // the temporary file (atomic)
    std::string code;
    int fd = -1;
    bool owns_fd = true;
    bool committed = false;
    std::unique_ptr<FdBuf> buf;
    std::unique_ptr<std::ostream> out;

    void attach(int descriptor) {
        fd = descriptor;
        buf = std::make_unique<FdBuf>(fd);
        out = std::make_unique<std::ostream>(buf.get());
    }
    void discard() {
        if (owns_fd && fd >= 0) ::close(fd);
        fd = -1;
        if (!temp.empty()) ::unlink(temp.c_str());
        temp.clear();
    }
};

bool OutputFile::check_target(const std::string& path, Diagnostics& d, const std::string& code) {
    if (path == "-") return true;
    std::error_code ec;
    if (path.empty() || path.back() == '/' || fs::is_directory(resolve_links(path), ec)) {
        d.error(code, {path, ""}, "cannot write file: this is a folder, expected a file name");
        return false;
    }
    const fs::path parent = resolve_links(path).parent_path();
    if (!parent.empty() && !fs::is_directory(parent, ec)) {
        d.error(code, {path, ""}, "cannot write file: the folder '" + parent.string() + "' does not exist",
                "create it first; rehab does not create folders");
        return false;
    }
    return true;
}

std::unique_ptr<OutputFile> OutputFile::open(const std::string& path, Diagnostics& d,
                                             const std::string& code) {
    if (!check_target(path, d, code)) return nullptr;
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->code = code;
    if (path == "-") {
        impl->owns_fd = false;
        impl->attach(STDOUT_FILENO);
        return std::unique_ptr<OutputFile>(new OutputFile(std::move(impl)));
    }
    const fs::path target = resolve_links(path);
    struct stat st {};
    const bool exists = ::stat(target.c_str(), &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {  // device, FIFO, socket: write in place, never replace
        const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) {
            d.error(code, {path, ""}, "cannot write file: " + errno_text(errno));
            return nullptr;
        }
        impl->attach(fd);
        return std::unique_ptr<OutputFile>(new OutputFile(std::move(impl)));
    }
    static std::atomic<unsigned> counter{0};
    impl->target = target;
    impl->temp = target.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    const int fd = ::open(impl->temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        const int e = errno;
        impl->temp.clear();
        if (exists && (e == EACCES || e == EPERM) && ::access(target.c_str(), W_OK) == 0) {
            // The folder refuses new files but the file itself may be written: do that, in place.
            const int direct = ::open(target.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
            if (direct >= 0) {
                impl->target.clear();
                impl->attach(direct);
                return std::unique_ptr<OutputFile>(new OutputFile(std::move(impl)));
            }
        }
        d.error(code, {path, ""},
                "cannot write file: cannot create a file in its folder (" + errno_text(e) + ")");
        return nullptr;
    }
    if (exists) {  // keep the replaced file's permissions (and, where allowed, its owner)
        ::fchmod(fd, st.st_mode & 07777);
        [[maybe_unused]] const int owner = ::fchown(fd, st.st_uid, st.st_gid);  // refused unless root: fine
    }
    impl->attach(fd);
    return std::unique_ptr<OutputFile>(new OutputFile(std::move(impl)));
}

OutputFile::OutputFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

OutputFile::~OutputFile() {
    if (!impl_->committed) impl_->discard();
}

std::ostream& OutputFile::stream() { return *impl_->out; }

bool OutputFile::atomic() const { return !impl_->target.empty(); }

bool OutputFile::commit(Diagnostics& d) {
    Impl& m = *impl_;
    auto fail = [&](const std::string& what) {
        d.error(m.code, {m.path, ""}, "cannot write file: " + what);
        m.discard();
        return false;
    };
    m.out->flush();
    if (!m.buf->drain()) {
        const int e = m.buf->error();
        return fail(e == ENOSPC ? "no space left on the device" : errno_text(e));
    }
    if (!m.target.empty()) {
        if (::fsync(m.fd) != 0) return fail("fsync failed (" + errno_text(errno) + ")");
        if (::close(m.fd) != 0) {
            m.fd = -1;
            return fail("close failed (" + errno_text(errno) + ")");
        }
        m.fd = -1;
        if (::rename(m.temp.c_str(), m.target.c_str()) != 0) return fail(errno_text(errno));
        m.temp.clear();
        const fs::path folder = m.target.parent_path().empty() ? fs::path(".") : m.target.parent_path();
        const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir >= 0) {  // make the rename durable
            ::fsync(dir);
            ::close(dir);
        }
    } else if (m.owns_fd && ::close(m.fd) != 0) {
        m.fd = -1;
        return fail(errno_text(errno));
    }
    if (m.owns_fd) m.fd = -1;
    m.committed = true;
    return true;
}

}  // namespace rehab::io
