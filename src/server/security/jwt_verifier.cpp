// JWT verification: the header is read and judged by us first (algorithm allowlist, kid, the key's
// type and curve), and only then is libjwt asked to check the signature with that one key, so an HMAC
// or alg-none token never reaches it; libjwt's own reading of alg is compared with ours afterwards.
#include "server/security/jwt_verifier.hpp"

#include <jwt.h>
#include <openssl/err.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "server/security/base64url.hpp"
#include "server/security/jwks.hpp"
#include "server/security/jwt_verifier_detail.hpp"
#include "server/security/replay_cache.hpp"

namespace rehab::server {

struct JwtVerifier::State {
    State(Jwks k, JwtPolicy p) : keys(std::move(k)), policy(std::move(p)), cache(policy.replay_capacity) {}
    const Jwks keys;
    const JwtPolicy policy;
    mutable ReplayCache cache;
};

namespace {

using nlohmann::json;

constexpr std::size_t kMaxTokenBytes = 8192;
constexpr std::array<std::string_view, 6> kAlgorithms = {"RS256", "RS384", "RS512",
                                                         "ES256", "ES384", "ES512"};

AuthDecision refuse(AuthFailure failure) { return AuthDecision{false, failure, {}}; }

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool is_token_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

// The token of "Bearer <token>" (scheme case-insensitive, RFC 7235), or a failure.
std::string_view bearer_token(std::string_view header, AuthFailure& failure) {
    while (!header.empty() && is_space(header.front())) header.remove_prefix(1);
    while (!header.empty() && is_space(header.back())) header.remove_suffix(1);
    failure = AuthFailure::missing;
    if (header.empty()) return {};
    failure = AuthFailure::malformed;
    constexpr std::string_view scheme = "bearer";
    if (header.size() <= scheme.size() || !is_space(header[scheme.size()])) return {};
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        if ((header[i] | 0x20) != scheme[i]) return {};
    }
    header.remove_prefix(scheme.size());
    while (!header.empty() && is_space(header.front())) header.remove_prefix(1);
    if (header.empty() || header.size() > kMaxTokenBytes) return {};
    for (char c : header) {
        if (!is_token_char(c)) return {};
    }
    failure = AuthFailure::none;
    return header;
}

// The JOSE header as a JSON object, or a discarded value when it is not one or repeats a member
// (two "alg" members could be read differently by two parsers).
json parse_header(std::string_view segment) {
    const auto bytes = base64url_decode(segment);
    if (!bytes) return json(json::value_t::discarded);
    std::set<std::string> seen;
    bool repeated = false;
    json::parser_callback_t callback = [&](int depth, json::parse_event_t event, json& parsed) {
        if (event == json::parse_event_t::key && depth == 1 &&
            !seen.insert(parsed.get<std::string>()).second) {
            repeated = true;
        }
        return true;
    };
    json header = json::parse(*bytes, callback, /*allow_exceptions=*/false);
    if (repeated || !header.is_object()) return json(json::value_t::discarded);
    return header;
}

// Empty when the policy can be enforced, else what is wrong with it.
std::string policy_error(const JwtPolicy& policy) {
    const bool issuers_ok =
        !policy.issuers.empty() && std::none_of(policy.issuers.begin(), policy.issuers.end(),
                                                [](const std::string& i) { return i.empty(); });
    if (!issuers_ok || policy.audience.empty()) {
        return "JWT policy: at least one issuer and an audience are required";
    }
    if (policy.leeway.count() < 0 || policy.leeway.count() > 300 || policy.max_lifetime.count() <= 0 ||
        policy.replay_capacity == 0) {
        return "JWT policy: leeway must be 0-300 s, max_lifetime and replay_capacity positive";
    }
    return {};
}

struct JwtFree {
    void operator()(jwt_t* p) const { jwt_free(p); }
    void operator()(char* p) const { std::free(p); }
};

}  // namespace

JwtVerifier::JwtVerifier(std::shared_ptr<State> state) : state_(std::move(state)) {}
JwtVerifier::~JwtVerifier() = default;

std::optional<JwtVerifier> JwtVerifier::from_jwks_text(std::string_view jwks, const std::string& origin,
                                                       JwtPolicy policy, std::string& error) {
    if (error = policy_error(policy); !error.empty()) return std::nullopt;
    auto keys = parse_jwks(jwks, origin, error);
    if (!keys) return std::nullopt;
    return JwtVerifier(std::make_shared<State>(std::move(*keys), std::move(policy)));
}

std::optional<JwtVerifier> JwtVerifier::from_jwks_file(const std::string& path, JwtPolicy policy,
                                                       std::string& error) {
    if (error = policy_error(policy); !error.empty()) return std::nullopt;
    auto keys = load_jwks_file(path, error);
    if (!keys) return std::nullopt;
    return JwtVerifier(std::make_shared<State>(std::move(*keys), std::move(policy)));
}

std::size_t JwtVerifier::key_count() const { return state_->keys.keys.size(); }
std::size_t JwtVerifier::remembered_tokens() const { return state_->cache.size(); }

AuthDecision JwtVerifier::verify(std::string_view authorization_header, std::int64_t now_unix_s) const {
    AuthFailure failure = AuthFailure::none;
    const std::string_view token = bearer_token(authorization_header, failure);
    if (failure != AuthFailure::none) return refuse(failure);
    const auto dot1 = token.find('.');
    const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos || dot1 == 0 ||
        dot2 == dot1 + 1) {
        return refuse(AuthFailure::malformed);
    }
    const json header = parse_header(token.substr(0, dot1));
    if (header.is_discarded() || header.contains("crit")) return refuse(AuthFailure::malformed);

    const auto alg_it = header.find("alg");
    const std::string alg = alg_it != header.end() && alg_it->is_string() ? alg_it->get<std::string>() : "";
    if (std::find(kAlgorithms.begin(), kAlgorithms.end(), alg) == kAlgorithms.end()) {
        return refuse(AuthFailure::algorithm_refused);  // none, HS*, PS* (libjwt 1.10 has none), junk
    }
    const auto kid_it = header.find("kid");
    const Jwk* key = kid_it != header.end() && kid_it->is_string()
                         ? state_->keys.find(kid_it->get<std::string>())
                         : nullptr;
    if (key == nullptr) return refuse(AuthFailure::unknown_key);
    if (!key_fits_algorithm(*key, alg) || (!key->alg.empty() && key->alg != alg)) {
        return refuse(AuthFailure::algorithm_refused);
    }
    if (dot2 + 1 == token.size()) return refuse(AuthFailure::bad_signature);

    const std::string text(token);
    jwt_t* raw = nullptr;
    const int rc = jwt_decode(&raw, text.c_str(), reinterpret_cast<const unsigned char*>(key->pem.data()),
                              static_cast<int>(key->pem.size()));
    std::unique_ptr<jwt_t, JwtFree> jwt(raw);
    if (rc != 0 || !jwt) {
        ERR_clear_error();
        return refuse(AuthFailure::bad_signature);
    }
    if (jwt_get_alg(jwt.get()) != jwt_str_alg(alg.c_str())) return refuse(AuthFailure::algorithm_refused);

    std::unique_ptr<char, JwtFree> claims(jwt_get_grants_json(jwt.get(), nullptr));
    if (!claims) return refuse(AuthFailure::malformed);
    ClaimCheck check = check_claims(claims.get(), state_->policy, now_unix_s);
    if (check.failure != AuthFailure::none) return refuse(check.failure);

    switch (state_->cache.remember(check.replay_id, check.remember_until, now_unix_s)) {
        case ReplayCache::Outcome::replayed:
            return refuse(AuthFailure::replayed);
        case ReplayCache::Outcome::full:
            return refuse(AuthFailure::replay_cache_full);
        case ReplayCache::Outcome::fresh:
            break;
    }
    return AuthDecision{true, AuthFailure::none, std::move(check.subject)};
}

const char* to_string(AuthFailure f) {
    switch (f) {
        case AuthFailure::none:
            return "none";
        case AuthFailure::missing:
            return "missing";
        case AuthFailure::malformed:
            return "malformed";
        case AuthFailure::algorithm_refused:
            return "algorithm_refused";
        case AuthFailure::unknown_key:
            return "unknown_key";
        case AuthFailure::bad_signature:
            return "bad_signature";
        case AuthFailure::wrong_issuer:
            return "wrong_issuer";
        case AuthFailure::wrong_audience:
            return "wrong_audience";
        case AuthFailure::expired:
            return "expired";
        case AuthFailure::not_yet_valid:
            return "not_yet_valid";
        case AuthFailure::replayed:
            return "replayed";
        case AuthFailure::missing_claim:
            return "missing_claim";
        case AuthFailure::lifetime_too_long:
            return "lifetime_too_long";
        case AuthFailure::replay_cache_full:
            return "replay_cache_full";
    }
    return "unknown";
}

}  // namespace rehab::server
