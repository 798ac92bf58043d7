// `rehab serve`: the decision-aid service on HTTP (src/server). Options from the command line over
// a --config file; SIGHUP reloads the knowledge and rules, SIGTERM/SIGINT stop gracefully (exit 0).
// Exit 2 when the data does not load, 64 for a refused configuration, 1 when it cannot listen.
#include <pthread.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <ctime>
#include <iostream>
#include <thread>

#include "app/command.hpp"
#include "app/serve_security.hpp"
#include "io/file/atomic_file.hpp"
#include "server/service.hpp"

namespace rehab::app {

namespace {

struct ServeOptions {
    server::ServiceOptions service;
    SecurityOptions security;
    std::string config;
    int header_timeout_ms = 0, body_timeout_ms = 0;
};

// Waits for SIGHUP / SIGTERM / SIGINT (blocked in every thread) until the service has stopped.
void signal_loop(server::Service& service, const std::atomic<bool>& done) {
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGHUP, SIGTERM, SIGINT}) sigaddset(&set, s);
    bool stopping = false;
    while (!done) {
        timespec tick{0, 200'000'000};
        const int sig = sigtimedwait(&set, nullptr, &tick);
        if (sig == SIGHUP) service.reload();
        if (sig == SIGTERM || sig == SIGINT) {
            spdlog::info("serve: stopping: no new connections, finishing the requests in flight");
            stopping = true;
        }
        if (stopping) service.stop();  // again on each tick, in case run() had not started listening
    }
}

int configure(ServeOptions& o, CLI::App& cmd) {
    server::ServiceOptions cli = o.service;  // what the command line said
    if (!o.config.empty()) {
        Diagnostics d;
        if (!server::read_config(o.config, o.service, d)) {
            print_diagnostics(d);
            return bad_input;
        }
        auto given = [&](const char* name) { return cmd.get_option(name)->count() > 0; };
        if (given("--host")) o.service.host = cli.host;
        if (given("--port")) o.service.port = cli.port;
        if (given("--threads")) o.service.limits.threads = cli.limits.threads;
        if (given("--queue")) o.service.limits.queue = cli.limits.queue;
        if (given("--max-body")) o.service.limits.max_body = cli.limits.max_body;
        if (given("--knowledge")) o.service.knowledge_dir = cli.knowledge_dir;
        if (given("--rules")) o.service.rules_dir = cli.rules_dir;
        if (given("--behind-proxy")) o.service.behind_proxy = true;
        if (given("--access-log")) o.service.access_log = cli.access_log;
    }
    if (o.header_timeout_ms > 0)
        o.service.limits.header_timeout = std::chrono::milliseconds(o.header_timeout_ms);
    if (o.body_timeout_ms > 0) o.service.limits.body_timeout = std::chrono::milliseconds(o.body_timeout_ms);
    if (o.service.knowledge_dir.empty()) o.service.knowledge_dir = default_knowledge_dir();
    if (o.service.rules_dir.empty()) o.service.rules_dir = default_rules_dir();
    return ok;
}

int run_serve(ServeOptions& o, CLI::App& cmd) {
    if (const int code = configure(o, cmd); code != ok) return code;
    spdlog::set_default_logger(spdlog::stderr_color_mt("serve"));  // standard output stays empty
    spdlog::set_level(spdlog::level::info);
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGHUP, SIGTERM, SIGINT}) sigaddset(&set, s);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);  // before any thread: only the signal loop takes them
    server::Authenticator auth;
    server::AuditSink audit;
    server::FeedbackStore feedback;
    if (std::string error; !make_security(o.security, auth, audit, feedback, error)) {
        std::cerr << "rehab: error: " << error << "\n";
        return bad_input;
    }
    server::Service service(o.service, std::move(auth), std::move(audit), std::move(feedback));
    Diagnostics d;
    if (!service.start(d)) {
        print_diagnostics(d);
        const bool refused = !d.items().empty() && d.items().front().code == "SV020";
        const bool listen = !d.items().empty() && d.items().front().code == "SV022";
        return refused ? usage : listen ? check_failed : bad_input;
    }
    if (!o.service.port_file.empty()) {
        Diagnostics pd;
        if (!io::write_file_atomic(o.service.port_file, std::to_string(service.port()) + "\n", pd, "IO001")) {
            print_diagnostics(pd);
            return bad_input;
        }
    }
    const auto engine = service.store().current();
    std::cerr << "rehab serve: listening on http://" << o.service.host << ":" << service.port()
              << " (knowledge " << engine->knowledge().version() << ", rules " << engine->rules().version()
              << ")" << std::endl;
    std::atomic<bool> done{false};
    std::thread signals([&] { signal_loop(service, done); });
    service.run();
    done = true;
    signals.join();
    std::cerr << "rehab serve: stopped" << std::endl;
    return ok;
}

}  // namespace

void register_serve_command(CLI::App& app, int& exit_code) {
    auto o = std::make_shared<ServeOptions>();
    auto* cmd = app.add_subcommand("serve", "Serve recommendations over HTTP (JSON, versioned under /v1)");
    auto& s = o->service;
    cmd->add_option("--host", s.host, "Address to listen on (default 127.0.0.1)");
    cmd->add_option("--port", s.port, "Port (default 8080; 0: any free port, see --port-file)")
        ->check(CLI::Range(0, 65535));
    cmd->add_option("--threads", s.limits.threads, "Worker threads, one connection each (default 32)")
        ->check(CLI::Range(1, 1024));
    cmd->add_option("--queue", s.limits.queue, "Connections waiting for a worker before 503 (default 256)");
    cmd->add_option("--max-body", s.limits.max_body, "Largest request body in bytes (default 1 MiB)");
    cmd->add_option("--header-timeout-ms", o->header_timeout_ms,
                    "Time to receive the headers (default 10000)");
    cmd->add_option("--body-timeout-ms", o->body_timeout_ms, "Time to receive the body (default 30000)");
    cmd->add_option("--knowledge", s.knowledge_dir, "Knowledge folder (default: the bundled knowledge)");
    cmd->add_option("--rules", s.rules_dir, "Rule folder (default: the bundled rules)");
    cmd->add_option("--config", o->config, "JSON file of options (the command line wins)");
    cmd->add_flag("--behind-proxy", s.behind_proxy,
                  "An authenticating proxy is in front: allow a non-loopback --host without authentication");
    cmd->add_option("--port-file", s.port_file, "Write the bound port to FILE once listening");
    cmd->add_option("--access-log", s.access_log, "Access log: - (standard error, default), off, or a FILE");
    add_security_options(*cmd, o->security);
    cmd->footer("Example:\n  rehab serve --port 8080 --threads 64 --access-log access.log");
    cmd->callback([&exit_code, o, cmd] { exit_code = run_serve(*o, *cmd); });
}

}  // namespace rehab::app
