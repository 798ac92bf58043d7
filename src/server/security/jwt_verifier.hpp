// Bearer-token authentication for `rehab serve`: a JWT signed with an asymmetric algorithm (RS256/384/
// 512, ES256/384/512) by a key of the configured JWKS, from an allowed issuer, for our audience, within
// its validity, and never seen before (jti). Load once, share across threads; verify() never throws.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehab::server {

struct JwtPolicy {
    std::vector<std::string> issuers;         // the allowlist of "iss" values (exact match); at least one
    std::string audience;                     // must be the "aud" string or one of the "aud" array; required
    std::chrono::seconds leeway{30};          // clock skew allowed on exp, nbf and iat (at most 5 minutes)
    std::size_t replay_capacity = 100000;     // live jti remembered at once; a full cache refuses
    std::chrono::seconds max_lifetime{3600};  // exp may be at most this far ahead (bounds the cache)
};

// Why a token was refused: for logs and tests only; the client sees a bare 401.
enum class AuthFailure {
    none,               // accepted
    missing,            // no Authorization header, or an empty one
    malformed,          // not "Bearer <header>.<payload>.<signature>", bad base64url/JSON, crit header
    algorithm_refused,  // alg none, any HMAC, anything not asymmetric, or not the key's algorithm
    unknown_key,        // no kid, or a kid not in the JWKS
    bad_signature,      // the signature does not verify with the key
    wrong_issuer,       // iss missing or not in the allowlist
    wrong_audience,     // aud missing or not ours
    expired,            // now >= exp + leeway
    not_yet_valid,      // nbf or iat later than now + leeway
    replayed,           // this jti was already accepted and has not expired
    missing_claim,      // no exp or no jti (both required), or one of the wrong type
    lifetime_too_long,  // exp further ahead than max_lifetime (+ leeway)
    replay_cache_full,  // replay_capacity live tokens remembered: refused, failing closed
};

struct AuthDecision {
    bool ok = false;
    AuthFailure failure = AuthFailure::missing;
    std::string subject;  // "sub" of an accepted token (may be empty when the token has none)
};

class JwtVerifier {
public:
    // nullopt and `error` set when the JWKS file is unreadable or invalid (file, JSON pointer, what
    // was found) or the policy is incomplete (no issuer, no audience, leeway over 5 minutes).
    static std::optional<JwtVerifier> from_jwks_file(const std::string& path, JwtPolicy policy,
                                                     std::string& error);
    // The same from the text of a JWKS (`origin` names it in errors).
    static std::optional<JwtVerifier> from_jwks_text(std::string_view jwks, const std::string& origin,
                                                     JwtPolicy policy, std::string& error);

    // Checks `authorization_header` ("Bearer <jwt>") at `now_unix_s`; a token accepted is remembered
    // and refused the next time. Thread-safe; never throws, never logs.
    AuthDecision verify(std::string_view authorization_header, std::int64_t now_unix_s) const;

    std::size_t key_count() const;
    std::size_t remembered_tokens() const;  // live entries of the replay cache

    JwtVerifier(JwtVerifier&&) noexcept = default;
    JwtVerifier& operator=(JwtVerifier&&) noexcept = default;
    JwtVerifier(const JwtVerifier&) = delete;
    JwtVerifier& operator=(const JwtVerifier&) = delete;
    ~JwtVerifier();

    struct State;

private:
    explicit JwtVerifier(std::shared_ptr<State> state);
    std::shared_ptr<State> state_;
};

const char* to_string(AuthFailure f);

}  // namespace rehab::server
