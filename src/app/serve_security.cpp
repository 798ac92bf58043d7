// The security of `rehab serve` from the command line: --jwks (JWT bearer tokens, asymmetric keys
// only, each token once) and --audit-db (an SQLite row per request), adapted to the service's hooks.
// Without libjwt/SQLite at build time the options are refused with a clear message.
#include "app/serve_security.hpp"

#include <spdlog/spdlog.h>

#include <ctime>

#if REHAB_WITH_SECURITY
#include "server/security/audit_log.hpp"
#include "server/security/jwt_verifier.hpp"
#endif

namespace rehab::app {

bool make_security(const SecurityOptions& o, server::Authenticator& auth, server::AuditSink& audit,
                   std::string& error) {
#if REHAB_WITH_SECURITY
    if (!o.jwks.empty()) {
        if (o.issuers.empty() || o.audience.empty()) {
            error = "--jwks needs --issuer (one or more) and --audience";
            return false;
        }
        server::JwtPolicy policy;
        policy.issuers = o.issuers;
        policy.audience = o.audience;
        auto v = server::JwtVerifier::from_jwks_file(o.jwks, policy, error);
        if (!v) return false;
        auto verifier = std::make_shared<server::JwtVerifier>(std::move(*v));
        auth = [verifier](std::string_view header) {
            const server::AuthDecision d =
                verifier->verify(header, static_cast<std::int64_t>(std::time(nullptr)));
            if (!d.ok) spdlog::info("serve: refused a bearer token: {}", server::to_string(d.failure));
            return server::Admission{d.ok, d.subject};
        };
    }
    if (!o.audit_db.empty()) {
        server::AuditOptions options;
        options.retention_days = o.retention_days;
        auto log = server::AuditLog::open(o.audit_db, options, error);
        if (!log) return false;
        auto shared = std::make_shared<server::AuditLog>(std::move(*log));
        audit = [shared](const server::AuditEvent& e) {
            server::AuditRecord r;
            r.request_id = e.request_id, r.time_ms = e.time_ms, r.knowledge_version = e.knowledge_version;
            r.rules_version = e.rules_version, r.profile_hash = e.profile_hash;
            r.programme_hash = e.programme_hash, r.route = e.route, r.status = e.status;
            std::string why;
            if (shared->record_request(r, why) != server::AuditStatus::ok)
                spdlog::warn("serve: audit row not written: {}", why);
        };
    }
    return true;
#else
    (void)auth, (void)audit;
    if (!o.jwks.empty() || !o.audit_db.empty()) {
        error =
            "this rehab was built without libjwt, OpenSSL 3 or SQLite 3: --jwks and --audit-db are not "
            "available (scripts/install-deps.sh installs them)";
        return false;
    }
    return true;
#endif
}

void add_security_options(CLI::App& cmd, SecurityOptions& o) {
    cmd.add_option("--jwks", o.jwks,
                   "Require JWT bearer tokens signed by a key of this JWKS FILE (RS*/ES* only)");
    cmd.add_option("--issuer", o.issuers, "An accepted token issuer (iss); repeat for several");
    cmd.add_option("--audience", o.audience, "The audience (aud) tokens must name");
    cmd.add_option("--audit-db", o.audit_db,
                   "Write one audit row per request to this SQLite FILE (WAL mode)");
    cmd.add_option("--audit-retention-days", o.retention_days,
                   "Prune audit rows older than N days (0: keep all)")
        ->check(CLI::Range(0, 36500));
}

}  // namespace rehab::app
