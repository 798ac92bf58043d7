// Claim checks in a fixed order (issuer, audience, times, jti, subject) so that the first reason is
// stable; NumericDates are read as integers or reals, rounded towards refusal, and clamped.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

#include "server/security/jwt_verifier_detail.hpp"

namespace rehab::server {
namespace {

using nlohmann::json;

constexpr std::int64_t kClamp = std::int64_t{1} << 40;  // far beyond any date; no overflow in sums
constexpr std::size_t kMaxJti = 256;

enum class Round { down, up };

// A NumericDate as whole seconds, or nullopt when the claim is not a number.
std::optional<std::int64_t> numeric_date(const json& value, Round round) {
    double seconds = 0;
    if (value.is_number_unsigned()) {
        const auto v = value.get<std::uint64_t>();
        return static_cast<std::int64_t>(std::min<std::uint64_t>(v, kClamp));
    }
    if (value.is_number_integer()) return std::clamp(value.get<std::int64_t>(), -kClamp, kClamp);
    if (!value.is_number_float()) return std::nullopt;
    seconds = value.get<double>();
    if (!std::isfinite(seconds)) return std::nullopt;
    seconds = round == Round::down ? std::floor(seconds) : std::ceil(seconds);
    return static_cast<std::int64_t>(
        std::clamp(seconds, -static_cast<double>(kClamp), static_cast<double>(kClamp)));
}

bool audience_matches(const json& aud, const std::string& ours) {
    if (aud.is_string()) return aud.get<std::string>() == ours;
    if (!aud.is_array()) return false;
    return std::any_of(aud.begin(), aud.end(),
                       [&](const json& a) { return a.is_string() && a.get<std::string>() == ours; });
}

AuthFailure check_times(const json& claims, const JwtPolicy& policy, std::int64_t now, std::int64_t& exp) {
    const std::int64_t leeway = policy.leeway.count();
    const auto exp_it = claims.find("exp");
    const auto exp_value = exp_it == claims.end() ? std::nullopt : numeric_date(*exp_it, Round::down);
    if (!exp_value) return AuthFailure::missing_claim;
    exp = *exp_value;
    if (now >= exp + leeway) return AuthFailure::expired;
    for (const char* name : {"nbf", "iat"}) {
        const auto it = claims.find(name);
        if (it == claims.end()) continue;
        const auto when = numeric_date(*it, Round::up);
        if (!when) return AuthFailure::missing_claim;
        if (*when > now + leeway) return AuthFailure::not_yet_valid;
    }
    if (exp - now > policy.max_lifetime.count() + leeway) return AuthFailure::lifetime_too_long;
    return AuthFailure::none;
}

}  // namespace

ClaimCheck check_claims(std::string_view claims_json, const JwtPolicy& policy, std::int64_t now) {
    ClaimCheck out;
    const json claims = json::parse(claims_json, nullptr, /*allow_exceptions=*/false);
    if (claims.is_discarded() || !claims.is_object()) return out;  // malformed

    const auto iss = claims.find("iss");
    if (iss == claims.end() || !iss->is_string() ||
        std::find(policy.issuers.begin(), policy.issuers.end(), iss->get<std::string>()) ==
            policy.issuers.end()) {
        out.failure = AuthFailure::wrong_issuer;
        return out;
    }
    const auto aud = claims.find("aud");
    if (aud == claims.end() || !audience_matches(*aud, policy.audience)) {
        out.failure = AuthFailure::wrong_audience;
        return out;
    }
    std::int64_t exp = 0;
    if ((out.failure = check_times(claims, policy, now, exp)) != AuthFailure::none) return out;

    const auto jti = claims.find("jti");
    if (jti == claims.end() || !jti->is_string() || jti->get<std::string>().empty() ||
        jti->get<std::string>().size() > kMaxJti) {
        out.failure = AuthFailure::missing_claim;
        return out;
    }
    const auto sub = claims.find("sub");
    if (sub != claims.end() && !sub->is_string()) {
        out.failure = AuthFailure::malformed;
        return out;
    }
    out.subject = sub == claims.end() ? std::string() : sub->get<std::string>();
    out.replay_id = iss->get<std::string>() + '\n' + jti->get<std::string>();
    out.remember_until = exp + policy.leeway.count();
    out.failure = AuthFailure::none;
    return out;
}

}  // namespace rehab::server
