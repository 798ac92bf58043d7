// Request ids, hashes and error bodies. Error bodies carry diagnostics in exactly the shape of
// io::diagnostics_to_json (the shape of `rehab batch` error records), plus the data versions.
#include "server/routes/request_context.hpp"

#include <openssl/evp.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>

#include "io/render/diagnostics_json.hpp"

namespace rehab::server {

namespace {

thread_local RequestContext t_context;

std::string fresh_id() {
    static const std::uint64_t prefix = std::random_device{}() & 0xffffffu;
    static std::atomic<std::uint64_t> counter{0};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%06llx-%010llx", static_cast<unsigned long long>(prefix),
                  static_cast<unsigned long long>(++counter));
    return buf;
}

}  // namespace

RequestContext& RequestContext::current() { return t_context; }

void RequestContext::reset() {
    id.clear();
    route = nullptr;
    engine.reset();
    subject.clear();
    started = false;
    start = std::chrono::steady_clock::now();
}

std::string request_id_from(const std::string& header) {
    if (header.empty() || header.size() > 64) return fresh_id();
    for (const unsigned char c : header)
        if (!std::isalnum(c) && c != '.' && c != '_' && c != '-') return fresh_id();
    return header;
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(len * 2);
    for (unsigned i = 0; i < len; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

std::string error_body(int status, const Diagnostics& d) {
    const RequestContext& ctx = RequestContext::current();
    nlohmann::ordered_json doc;
    doc["format"] = error_format;
    doc["status"] = status;
    if (!ctx.id.empty()) doc["request_id"] = ctx.id;
    if (ctx.engine) {
        const KnowledgeGraph& kg = ctx.engine->knowledge();
        doc["knowledge"] = {{"name", kg.name()}, {"version", kg.version()}, {"hash", kg.content_hash()}};
        doc["rules"] = {{"version", ctx.engine->rules().version()},
                        {"hash", ctx.engine->rules().content_hash()}};
    }
    doc["error"] = io::diagnostics_to_json(d, true);
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

void send_error(httplib::Response& res, int status, const Diagnostics& d) {
    res.status = status;
    res.set_content(error_body(status, d), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& code, const std::string& message,
                const std::string& pointer, const std::string& hint) {
    Diagnostics d;
    d.error(code, {"", pointer}, message, hint);
    send_error(res, status, d);
}

void set_standard_headers(httplib::Response& res, const RequestContext& ctx) {
    if (!ctx.id.empty()) res.set_header("X-Request-Id", ctx.id);
    if (!ctx.engine) return;
    const KnowledgeGraph& kg = ctx.engine->knowledge();
    res.set_header("X-Rehab-Knowledge", kg.version() + " " + kg.content_hash());
    res.set_header("X-Rehab-Rules", ctx.engine->rules().version() + " " + ctx.engine->rules().content_hash());
}

}  // namespace rehab::server
