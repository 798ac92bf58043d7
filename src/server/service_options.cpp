// `rehab serve --config FILE`: the options as a JSON object, read with io's located field reader
// (CF001 not JSON, CF002 wrong type, CF004 unknown key with the nearest, CF007 out of range).
#include "io/json/reader.hpp"
#include "server/service.hpp"

namespace rehab::server {

namespace {

void read_limits(io::FieldReader& f, HttpLimits& l) {
    using std::chrono::milliseconds;
    if (auto v = f.integer("threads", false, 1, 1024)) l.threads = static_cast<unsigned>(*v);
    if (auto v = f.integer("queue", false, 0, 100000)) l.queue = static_cast<std::size_t>(*v);
    if (auto v = f.integer("max_body", false, 1024, 64 << 20)) l.max_body = static_cast<std::size_t>(*v);
    if (auto v = f.integer("keep_alive_max", false, 1, 100000))
        l.keep_alive_max = static_cast<std::size_t>(*v);
    if (auto v = f.integer("header_timeout_ms", false, 10, 600000)) l.header_timeout = milliseconds(*v);
    if (auto v = f.integer("body_timeout_ms", false, 10, 600000)) l.body_timeout = milliseconds(*v);
    if (auto v = f.integer("keep_alive_timeout_ms", false, 10, 600000))
        l.keep_alive_timeout = milliseconds(*v);
}

}  // namespace

bool read_config(const std::string& file, ServiceOptions& o, Diagnostics& d) {
    const std::size_t before = d.error_count();
    auto text = io::read_text_file(file, d, "CF001");
    if (!text) return false;
    auto doc = io::parse_json(*text, file, d, "CF001");
    if (!doc) return false;
    io::FieldReader f(*doc, file, "", d, "CF");
    if (!f.is_object()) return false;
    f.allow_only({"host", "port", "threads", "queue", "max_body", "header_timeout_ms", "body_timeout_ms",
                  "keep_alive_timeout_ms", "keep_alive_max", "knowledge", "rules", "behind_proxy",
                  "access_log"});
    if (auto v = f.string("host", false)) o.host = *v;
    if (auto v = f.integer("port", false, 0, 65535)) o.port = *v;
    if (auto v = f.string("knowledge", false)) o.knowledge_dir = *v;
    if (auto v = f.string("rules", false)) o.rules_dir = *v;
    if (auto v = f.boolean("behind_proxy", false)) o.behind_proxy = *v;
    if (auto v = f.string("access_log", false)) o.access_log = *v;
    read_limits(f, o.limits);
    return d.error_count() == before;
}

}  // namespace rehab::server
