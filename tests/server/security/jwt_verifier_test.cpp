// JwtVerifier against real signed tokens: the good ones (RS*, ES*, from libjwt and from plain OpenSSL)
// and every attack and mistake the issue names (alg none, HS256 keyed with the RSA public key, wrong
// audience or issuer, expired, not yet valid, replayed, unknown kid, garbage, no "Bearer").
#include "server/security/jwt_verifier.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <set>
#include <thread>
#include <vector>

#include "server/security/base64url.hpp"
#include "test_keys.hpp"

using namespace rehab::server;
using namespace rehab::server::test;
using nlohmann::json;

namespace {

JwtPolicy policy() { return JwtPolicy{{"https://other.test", "https://idp.test"}, "rehab"}; }

JwtVerifier make_verifier(JwtPolicy p = policy()) {
    std::string error;
    auto v = JwtVerifier::from_jwks_text(jwks_text(), "test-jwks.json", std::move(p), error);
    INFO(error);
    REQUIRE(v.has_value());
    return std::move(*v);
}

const JwtVerifier& shared() {
    static const JwtVerifier v = make_verifier();
    return v;
}

AuthFailure check(const std::string& token, std::int64_t now = kNow) {
    return shared().verify("Bearer " + token, now).failure;
}

std::string rs256(const json& claims) { return sign("RS256", rsa_key().private_pem, rsa_key().kid, claims); }

json with(json claims, const std::string& name, const json& value) {
    claims[name] = value;
    return claims;
}

json without(json claims, const std::string& name) {
    claims.erase(name);
    return claims;
}

}  // namespace

TEST_CASE("valid RS256 and ES256 tokens are accepted, with their subject", "[security][jwt]") {
    const auto decision = shared().verify("Bearer " + rs256(good_claims()), kNow);
    CHECK(decision.ok);
    CHECK(decision.failure == AuthFailure::none);
    CHECK(decision.subject == "clinician-7");
    CHECK(check(sign("ES256", ec_key().private_pem, ec_key().kid, good_claims())) == AuthFailure::none);
    CHECK(check(sign("ES384", ec384_key().private_pem, ec384_key().kid, good_claims())) == AuthFailure::none);
    CHECK(check(sign("RS384", rsa_key().private_pem, rsa_key().kid, good_claims())) == AuthFailure::none);
    CHECK(check(sign("RS512", rsa_key().private_pem, rsa_key().kid, good_claims())) == AuthFailure::none);
    CHECK(shared().verify("bearer  " + rs256(good_claims()) + " ", kNow).ok);  // scheme case, spaces
}

TEST_CASE("tokens signed by plain OpenSSL (another issuer's library) verify", "[security][jwt]") {
    CHECK(check(sign_with_openssl(rsa_key(), "RS256", good_claims())) == AuthFailure::none);
    CHECK(check(sign_with_openssl(ec_key(), "ES256", good_claims())) == AuthFailure::none);
    CHECK(check(sign_with_openssl(ec384_key(), "ES384", good_claims())) == AuthFailure::none);
}

TEST_CASE("alg none is refused in every spelling", "[security][jwt]") {
    for (const char* alg : {"none", "None", "NONE", ""}) {
        const json header = {{"alg", alg}, {"kid", rsa_key().kid}, {"typ", "JWT"}};
        CHECK(check(unsigned_token(header, good_claims())) == AuthFailure::algorithm_refused);
        CHECK(check(unsigned_token(header, good_claims(), "c2ln")) == AuthFailure::algorithm_refused);
    }
    CHECK(check(unsigned_token({{"kid", rsa_key().kid}}, good_claims(), "c2ln")) ==
          AuthFailure::algorithm_refused);
}

TEST_CASE("HMAC keyed with the RSA public key (algorithm confusion) is refused", "[security][jwt]") {
    for (const char* alg : {"HS256", "HS384", "HS512"}) {
        const auto forged = sign(alg, rsa_key().public_pem, rsa_key().kid, good_claims());
        CHECK(check(forged) == AuthFailure::algorithm_refused);
    }
    // ... and keyed with the PEM the verifier itself holds for the EC key
    CHECK(check(sign("HS256", ec_key().public_pem, ec_key().kid, good_claims())) ==
          AuthFailure::algorithm_refused);
}

TEST_CASE("an algorithm that does not fit the key is refused", "[security][jwt]") {
    // An RSA signature presented under the EC key's kid, and the reverse.
    CHECK(check(sign("RS256", rsa_key().private_pem, ec_key().kid, good_claims())) ==
          AuthFailure::algorithm_refused);
    CHECK(check(sign("ES256", ec_key().private_pem, rsa_key().kid, good_claims())) ==
          AuthFailure::algorithm_refused);
    // ES256 under the P-384 key's kid.
    CHECK(check(sign("ES256", ec_key().private_pem, ec384_key().kid, good_claims())) ==
          AuthFailure::algorithm_refused);
    const json ps256 = {{"alg", "PS256"}, {"kid", rsa_key().kid}};
    CHECK(check(unsigned_token(ps256, good_claims(), "c2ln")) == AuthFailure::algorithm_refused);
}

TEST_CASE("a header that two parsers could read differently is refused", "[security][jwt]") {
    const std::string good = rs256(good_claims());
    const std::string rest = good.substr(good.find('.'));
    const std::string twice = R"({"alg":"RS256","kid":"test-rsa-1","alg":"HS256"})";
    CHECK(check(base64url_encode(twice) + rest) == AuthFailure::malformed);
    CHECK(check(sign("RS256", rsa_key().private_pem, rsa_key().kid, good_claims(), {{"crit", {"b64"}}})) ==
          AuthFailure::malformed);
}

TEST_CASE("audience and issuer are checked", "[security][jwt]") {
    CHECK(check(rs256(with(good_claims(), "aud", "someone-else"))) == AuthFailure::wrong_audience);
    CHECK(check(rs256(with(good_claims(), "aud", json::array({"a", "b"})))) == AuthFailure::wrong_audience);
    CHECK(check(rs256(with(good_claims(), "aud", json::array({"a", "rehab"})))) == AuthFailure::none);
    CHECK(check(rs256(without(good_claims(), "aud"))) == AuthFailure::wrong_audience);
    CHECK(check(rs256(with(good_claims(), "iss", "https://evil.test"))) == AuthFailure::wrong_issuer);
    CHECK(check(rs256(with(good_claims(), "iss", "https://IDP.test"))) == AuthFailure::wrong_issuer);
    CHECK(check(rs256(without(good_claims(), "iss"))) == AuthFailure::wrong_issuer);
    CHECK(check(rs256(with(good_claims(), "iss", "https://other.test"))) == AuthFailure::none);
}

TEST_CASE("expiry, not-before and issued-at are honoured with the leeway", "[security][jwt]") {
    CHECK(check(rs256(with(good_claims(), "exp", kNow - 31))) == AuthFailure::expired);
    CHECK(check(rs256(with(good_claims(), "exp", kNow - 30))) ==
          AuthFailure::expired);  // exp + leeway == now
    CHECK(check(rs256(with(good_claims(), "exp", kNow - 29))) == AuthFailure::none);
    CHECK(check(rs256(with(good_claims(), "nbf", kNow + 60))) == AuthFailure::not_yet_valid);
    CHECK(check(rs256(with(good_claims(), "nbf", kNow + 20))) == AuthFailure::none);
    CHECK(check(rs256(with(good_claims(), "iat", kNow + 60))) == AuthFailure::not_yet_valid);
    CHECK(check(rs256(without(good_claims(), "exp"))) == AuthFailure::missing_claim);
    CHECK(check(rs256(with(good_claims(), "exp", "tomorrow"))) == AuthFailure::missing_claim);
    CHECK(check(rs256(with(good_claims(), "exp", kNow + 7200))) == AuthFailure::lifetime_too_long);
}

TEST_CASE("a token is accepted once: the replay is refused", "[security][jwt]") {
    const std::string token = rs256(good_claims());
    CHECK(check(token) == AuthFailure::none);
    CHECK(check(token) == AuthFailure::replayed);
    CHECK(check(token, kNow + 100) == AuthFailure::replayed);
    CHECK(check(token, kNow + 400) == AuthFailure::expired);  // and then it has expired anyway
    CHECK(check(rs256(without(good_claims(), "jti"))) == AuthFailure::missing_claim);
    // A refused token is not remembered: fixing the reason is not a replay.
    const json claims = good_claims();
    CHECK(check(rs256(claims), kNow - 100) == AuthFailure::not_yet_valid);
    CHECK(check(rs256(claims)) == AuthFailure::none);
}

TEST_CASE("an unknown kid, a missing kid or another key's signature is refused", "[security][jwt]") {
    CHECK(check(sign("RS256", rsa_key().private_pem, "no-such-key", good_claims())) ==
          AuthFailure::unknown_key);
    CHECK(check(sign("RS256", rsa_key().private_pem, "", good_claims())) == AuthFailure::unknown_key);
    CHECK(check(sign("RS256", other_rsa_key().private_pem, rsa_key().kid, good_claims())) ==
          AuthFailure::bad_signature);
    std::string tampered = rs256(good_claims());
    const auto dot1 = tampered.find('.');
    const auto dot2 = tampered.find('.', dot1 + 1);
    tampered.replace(dot1 + 1, dot2 - dot1 - 1, base64url_encode(with(good_claims(), "sub", "admin").dump()));
    CHECK(check(tampered) == AuthFailure::bad_signature);
    CHECK(check(tampered.substr(0, dot2 + 1)) == AuthFailure::bad_signature);  // no signature at all
}

TEST_CASE("garbage and a missing Bearer scheme are refused", "[security][jwt]") {
    const std::string token = rs256(good_claims());
    CHECK(shared().verify("", kNow).failure == AuthFailure::missing);
    CHECK(shared().verify("   ", kNow).failure == AuthFailure::missing);
    CHECK(shared().verify(token, kNow).failure == AuthFailure::malformed);  // no scheme
    CHECK(shared().verify("Basic dXNlcjpwYXNz", kNow).failure == AuthFailure::malformed);
    CHECK(shared().verify("Bearer", kNow).failure == AuthFailure::malformed);
    CHECK(shared().verify("Bearer ", kNow).failure == AuthFailure::malformed);
    CHECK(shared().verify("Bearertoken", kNow).failure == AuthFailure::malformed);
    for (const std::string garbage : {"garbage", "a.b", "a.b.c.d", "..", "a..c", ".b.c", "e30.e30.\xff",
                                      "%%%.e30.sig", "W10.e30.sig", "bnVsbA.e30.sig"}) {
        INFO(garbage);
        CHECK(shared().verify("Bearer " + garbage, kNow).failure == AuthFailure::malformed);
    }
    CHECK(shared().verify("Bearer e30.e30.sig", kNow).failure == AuthFailure::algorithm_refused);  // no alg
    CHECK(shared().verify("Bearer " + std::string(9000, 'a'), kNow).failure == AuthFailure::malformed);
    CHECK(shared().verify("Bearer " + token + " extra", kNow).failure == AuthFailure::malformed);
}

TEST_CASE("one token verified from many threads at once is accepted exactly once", "[security][jwt]") {
    const std::string token = rs256(good_claims());
    std::atomic<int> accepted{0}, replayed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 20; ++i) {
                const auto d = shared().verify("Bearer " + token, kNow);
                (d.ok ? accepted : replayed) += 1;
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(accepted == 1);
    CHECK(replayed == 159);
}

TEST_CASE("a full replay cache refuses new tokens until entries expire", "[security][jwt]") {
    JwtPolicy p = policy();
    p.replay_capacity = 2;
    const JwtVerifier v = make_verifier(p);
    CHECK(v.verify("Bearer " + rs256(good_claims()), kNow).ok);
    CHECK(v.verify("Bearer " + rs256(good_claims()), kNow).ok);
    CHECK(v.verify("Bearer " + rs256(good_claims()), kNow).failure == AuthFailure::replay_cache_full);
    CHECK(v.remembered_tokens() == 2);
    const json later = with(with(good_claims(), "iat", kNow + 400), "exp", kNow + 700);
    CHECK(v.verify("Bearer " + rs256(later), kNow + 400).ok);  // the first two expired at kNow + 330
    CHECK(v.remembered_tokens() == 1);
}

TEST_CASE("an incomplete policy is refused when the verifier is made", "[security][jwt]") {
    std::string error;
    CHECK_FALSE(JwtVerifier::from_jwks_text(jwks_text(), "k", JwtPolicy{{}, "rehab"}, error));
    CHECK(error.find("issuer") != std::string::npos);
    CHECK_FALSE(JwtVerifier::from_jwks_text(jwks_text(), "k", JwtPolicy{{"https://idp.test"}, ""}, error));
    JwtPolicy loose = policy();
    loose.leeway = std::chrono::hours(1);
    CHECK_FALSE(JwtVerifier::from_jwks_text(jwks_text(), "k", loose, error));
    CHECK(error.find("leeway") != std::string::npos);
}

TEST_CASE("every failure has its own name", "[security][jwt]") {
    std::set<std::string> names;
    for (int f = 0; f <= static_cast<int>(AuthFailure::replay_cache_full); ++f) {
        names.insert(to_string(static_cast<AuthFailure>(f)));
    }
    CHECK(names.size() == static_cast<std::size_t>(AuthFailure::replay_cache_full) + 1);
    CHECK(std::string(to_string(AuthFailure::replayed)) == "replayed");
}
