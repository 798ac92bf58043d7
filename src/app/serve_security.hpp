// The authentication, audit and feedback options of `rehab serve`, turned into the service's hooks
// (server/hooks.hpp) from the security components (server/security/), when they were built.
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "server/hooks.hpp"

namespace rehab::app {

struct SecurityOptions {
    std::string jwks, audience, audit_db;
    std::vector<std::string> issuers;
    int retention_days = 90;
    int feedback_retention_days = -1;  // -1: as retention_days
};

void add_security_options(CLI::App& cmd, SecurityOptions& o);
// Fills `auth`, `audit` and `feedback` (the audit database's feedback table) as the options say (left
// empty when not asked for); false and `error` when a file does not load or an option is missing.
bool make_security(const SecurityOptions& o, server::Authenticator& auth, server::AuditSink& audit,
                   server::FeedbackStore& feedback, std::string& error);

}  // namespace rehab::app
