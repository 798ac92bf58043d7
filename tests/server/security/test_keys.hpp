// TEST-ONLY key material made at test time (no private key is committed): RSA and EC key pairs, their
// JWKs, and tokens signed with libjwt or directly with OpenSSL, including forged ones (alg none, HS256
// keyed with the RSA public key).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace rehab::server::test {

struct TestKey {
    std::string kid;
    std::string alg;  // RS256 or ES256 (RS384 etc. are signed from the same keys)
    std::string private_pem;
    std::string public_pem;
    nlohmann::json jwk;  // the public JWK, with kid
};

// Made once per test binary (RSA key generation takes a moment).
const TestKey& rsa_key();
const TestKey& ec_key();         // P-256
const TestKey& ec384_key();      // P-384
const TestKey& other_rsa_key();  // not in the JWKS of jwks_text()

// {"keys": [rsa_key, ec_key, ec384_key]}.
std::string jwks_text();

inline constexpr std::int64_t kNow = 1'700'000'000;

// Claims that pass the test policy (issuer https://idp.test, audience rehab) at kNow; jti unique.
nlohmann::json good_claims();

// A token signed by libjwt with `alg` ("RS256", "ES256", "HS256", ...) and `key` (a PEM: private for
// asymmetric algorithms, any bytes for HMAC), header {"kid": kid} plus `extra_header`.
std::string sign(const std::string& alg, const std::string& key, const std::string& kid,
                 const nlohmann::json& claims, const nlohmann::json& extra_header = nlohmann::json::object());

// A token signed with OpenSSL alone (no libjwt), as another issuer's library would: ES signatures in
// the JWS form r || s.
std::string sign_with_openssl(const TestKey& key, const std::string& alg, const nlohmann::json& claims);

// An unsigned token: header `header`, claims `claims`, and `signature` (empty for alg none).
std::string unsigned_token(const nlohmann::json& header, const nlohmann::json& claims,
                           const std::string& signature = "");

}  // namespace rehab::server::test
