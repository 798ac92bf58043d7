// JwtVerifier internals: the registered claims of a token whose signature verified (RFC 7519 4.1): iss in
// the allowlist, aud ours, exp required and in the future, nbf and iat not in the future, a bounded
// lifetime, a jti to remember.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "server/security/jwt_verifier.hpp"

namespace rehab::server {

struct ClaimCheck {
    AuthFailure failure = AuthFailure::malformed;  // none when every claim holds
    std::string subject;
    std::string replay_id;            // issuer and jti: the replay cache's key
    std::int64_t remember_until = 0;  // exp + leeway, unix seconds
};

// Checks the JSON object of claims `claims_json` against `policy` at `now` (unix seconds).
ClaimCheck check_claims(std::string_view claims_json, const JwtPolicy& policy, std::int64_t now);

}  // namespace rehab::server
