// rehab serve as a library: options, the engine store, metrics, the hooks and the HTTP server put
// together. start() loads the data, checks the host policy and binds; run() serves until stop();
// reload() swaps in new data (SIGHUP and POST /v1/admin/reload call it).
#pragma once
#include <memory>
#include <string>

#include "core/base/diagnostic.hpp"
#include "server/engine_store.hpp"
#include "server/hooks.hpp"
#include "server/http/http_server.hpp"
#include "server/metrics.hpp"

namespace rehab::server {

struct ServiceOptions {
    std::string host = "127.0.0.1";
    int port = 8080;  // 0: any free port (see port_file)
    std::string knowledge_dir, rules_dir;
    HttpLimits limits;
    bool behind_proxy = false;     // an authenticating proxy in front: no authenticator needed off loopback
    std::string port_file;         // written with the bound port once listening
    std::string access_log = "-";  // "-": standard error, "off", or a file
};

// 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(const std::string& host);
// Reads a JSON config file: {"host", "port", "threads", "queue", "max_body", "header_timeout_ms",
// "body_timeout_ms", "keep_alive_timeout_ms", "keep_alive_max", "knowledge", "rules",
// "behind_proxy", "access_log"}; every problem at once (SV02x codes).
bool read_config(const std::string& file, ServiceOptions& o, Diagnostics& d);

struct ServiceState;

class Service {
public:
    Service(ServiceOptions options, Authenticator authenticator = {}, AuditSink audit = {},
            FeedbackStore feedback = {});
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    // Checks the host policy, loads the data and binds; false with every problem in `d`.
    bool start(Diagnostics& d);
    [[nodiscard]] int port() const { return port_; }
    void run();   // serves until stop(); returns when in-flight requests are finished
    void stop();  // stop accepting, finish in-flight (thread-safe)
    ReloadResult reload();
    [[nodiscard]] EngineStore& store() { return store_; }

private:
    ServiceOptions options_;
    EngineStore store_;
    Metrics metrics_;
    HttpServer http_;
    std::unique_ptr<ServiceState> state_;
    int port_ = -1;
};

}  // namespace rehab::server
