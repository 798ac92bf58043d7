// Putting the service together: the host policy (no unauthenticated service off loopback unless
// behind an authenticating proxy), the first load, routes, the access log, binding, reloads.
#include "server/service.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "server/routes/routes.hpp"

namespace rehab::server {

namespace {

std::shared_ptr<spdlog::logger> make_access_log(const std::string& where) {
    if (where == "off") return nullptr;
    std::shared_ptr<spdlog::sinks::sink> sink;
    if (where == "-" || where.empty())
        sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    else
        sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(where);
    auto log = std::make_shared<spdlog::logger>("access", std::move(sink));
    log->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %v");
    log->set_level(spdlog::level::info);
    log->flush_on(spdlog::level::info);  // a line is on disk when the response is
    return log;
}

}  // namespace

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

Service::Service(ServiceOptions options, Authenticator authenticator, AuditSink audit, FeedbackStore feedback)
    : options_(std::move(options)),
      store_(options_.knowledge_dir, options_.rules_dir),
      http_(options_.limits, metrics_),
      state_(std::make_unique<ServiceState>(ServiceState{
          store_, metrics_, std::move(authenticator), std::move(audit), [this] { return reload(); },
          options_.limits.max_body, options_.limits.body_timeout, nullptr, std::move(feedback)})) {}

Service::~Service() { stop(); }

bool Service::start(Diagnostics& d) {
    if (!is_loopback(options_.host) && !options_.behind_proxy && !state_->authenticator) {
        d.error("SV020", {"", ""}, "refusing to serve " + options_.host + " without authentication",
                "bind to 127.0.0.1, configure an authenticator, or say --behind-proxy when an "
                "authenticating proxy is in front");
        return false;
    }
    try {
        state_->access_log = make_access_log(options_.access_log);
    } catch (const std::exception& e) {
        d.error("SV021", {options_.access_log, ""}, std::string("cannot open the access log: ") + e.what());
        return false;
    }
    ReloadResult first = store_.reload();
    if (!first.ok) {
        d.append(first.diagnostics);
        return false;
    }
    install_request_pipeline(http_, *state_);
    install_api_routes(http_, *state_);
    install_knowledge_routes(http_, *state_);
    install_feedback_routes(http_, *state_);
    install_ops_routes(http_, *state_);
    install_web_routes(http_, *state_);
    port_ = http_.bind(options_.host, options_.port);
    if (port_ < 0) {
        d.error("SV022", {"", ""}, "cannot listen on " + options_.host + ":" + std::to_string(options_.port),
                "is the port in use, or the address not this machine's?");
        return false;
    }
    return true;
}

void Service::run() { http_.listen_after_bind(); }

void Service::stop() {
    if (http_.is_running()) http_.stop();
}

ReloadResult Service::reload() {
    ReloadResult r = store_.reload();
    metrics_.reload(r.ok);
    if (r.ok) {
        const auto e = store_.current();
        spdlog::info("reload: now knowledge {} rules {}", e->knowledge().version(), e->rules().version());
    } else {
        spdlog::error("reload failed, still serving the old data:\n{}", store_.last_error());
    }
    return r;
}

}  // namespace rehab::server
