// The security of `rehab serve` from the command line: --jwks (JWT bearer tokens, asymmetric keys
// only, each token once) and --audit-db (an SQLite row per request and per clinician feedback item),
// adapted to the service's hooks.
// Without libjwt/SQLite at build time the options are refused with a clear message.
#include "app/serve_security.hpp"

#include <spdlog/spdlog.h>

#include <ctime>

#if REHAB_WITH_SECURITY
#include "server/security/audit_log.hpp"
#include "server/security/jwt_verifier.hpp"
#endif

namespace rehab::app {

#if REHAB_WITH_SECURITY
namespace {

server::FeedbackStore feedback_store(std::shared_ptr<server::AuditLog> log) {
    server::FeedbackStore store;
    store.write = [log](const server::FeedbackSubmission& s, std::vector<std::int64_t>& ids,
                        std::string& error) {
        std::vector<server::FeedbackRecord> records;
        for (const auto& item : s.items) {
            server::FeedbackRecord r;
            r.request_id = s.request_id, r.programme_hash = s.programme_hash, r.clinician = s.clinician;
            r.time_ms = s.time_ms, r.exercise_id = item.exercise_id, r.reason = item.reason;
            r.verdict =
                server::feedback_verdict_from(item.verdict).value_or(server::FeedbackVerdict::accepted);
            r.comment = item.comment;
            records.push_back(std::move(r));
        }
        return log->record_feedback(records, ids, error) == server::AuditStatus::ok;
    };
    store.read = [log](std::int64_t since_ms, std::int64_t after_id, std::size_t limit) {
        std::vector<server::FeedbackRow> rows;
        for (auto& r : log->feedback_since(since_ms, after_id, limit)) {
            server::FeedbackRow row;
            row.id = r.id;
            row.submission = {r.request_id,
                              r.programme_hash,
                              r.clinician,
                              r.time_ms,
                              {{r.exercise_id, server::to_string(r.verdict), r.reason, r.comment}}};
            rows.push_back(std::move(row));
        }
        return rows;
    };
    return store;
}

}  // namespace
#endif

bool make_security(const SecurityOptions& o, server::Authenticator& auth, server::AuditSink& audit,
                   server::FeedbackStore& feedback, std::string& error) {
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
        options.feedback_retention_days = o.feedback_retention_days;
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
        feedback = feedback_store(shared);
    }
    return true;
#else
    (void)auth, (void)audit, (void)feedback;
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
                   "Write one audit row per request and per clinician feedback item (POST /v1/feedback) "
                   "to this SQLite FILE (WAL mode)");
    cmd.add_option("--audit-retention-days", o.retention_days,
                   "Prune audit rows older than N days (0: keep all)")
        ->check(CLI::Range(0, 36500));
    cmd.add_option("--feedback-retention-days", o.feedback_retention_days,
                   "Prune feedback rows older than N days (0: keep all; default: as --audit-retention-days)")
        ->check(CLI::Range(0, 36500));
}

}  // namespace rehab::app
