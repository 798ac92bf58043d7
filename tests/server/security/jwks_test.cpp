// The JWKS reader: good RSA and EC keys load, and every bad key is refused with the file, the JSON
// pointer of the member at fault and what was wrong, so that an operator can mend the file.
#include "server/security/jwks.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "server/security/base64url.hpp"
#include "server/security/jwt_verifier.hpp"
#include "test_keys.hpp"

using namespace rehab::server;
using namespace rehab::server::test;
using nlohmann::json;

namespace {

// The error for a JWKS of one key: the RSA test key with `change` applied (a null value erases).
std::string error_for(const json& change, const json& base = rsa_key().jwk) {
    json key = base;
    for (const auto& [name, value] : change.items()) {
        if (value.is_null())
            key.erase(name);
        else
            key[name] = value;
    }
    std::string error;
    const auto set = parse_jwks(json{{"keys", {key}}}.dump(), "jwks.json", error);
    CHECK_FALSE(set.has_value());
    return error;
}

std::string small_rsa_modulus() {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{1024});
    BIGNUM* n = nullptr;
    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_RSA_N, &n);
    std::string bytes(static_cast<std::size_t>(BN_num_bytes(n)), '\0');
    BN_bn2bin(n, reinterpret_cast<unsigned char*>(bytes.data()));
    BN_free(n);
    EVP_PKEY_free(key);
    return base64url_encode(bytes);
}

}  // namespace

TEST_CASE("the test JWKS loads: RSA and EC keys, selected by kid, with PEM", "[security][jwks]") {
    std::string error;
    const auto set = parse_jwks(jwks_text(), "jwks.json", error);
    INFO(error);
    REQUIRE(set.has_value());
    REQUIRE(set->keys.size() == 3);
    const Jwk* rsa = set->find("test-rsa-1");
    REQUIRE(rsa != nullptr);
    CHECK(rsa->family == KeyFamily::rsa);
    CHECK(rsa->bits == 2048);
    CHECK(rsa->pem == rsa_key().public_pem);  // the same SubjectPublicKeyInfo OpenSSL wrote
    const Jwk* ec = set->find("test-ec-1");
    REQUIRE(ec != nullptr);
    CHECK(ec->curve == "P-256");
    CHECK(ec->pem == ec_key().public_pem);
    CHECK(set->find("nope") == nullptr);
    CHECK(key_fits_algorithm(*rsa, "RS512"));
    CHECK_FALSE(key_fits_algorithm(*rsa, "ES256"));
    CHECK_FALSE(key_fits_algorithm(*rsa, "HS256"));
    CHECK(key_fits_algorithm(*ec, "ES256"));
    CHECK_FALSE(key_fits_algorithm(*ec, "ES384"));
}

TEST_CASE("a bad key is refused with its JSON pointer and what was found", "[security][jwks]") {
    CHECK(error_for({{"n", nullptr}}) == "jwks.json: error at /keys/0/n: missing base64url member 'n'");
    CHECK(error_for({{"n", "abc="}}) ==
          "jwks.json: error at /keys/0/n: not unpadded base64url, found \"abc=\"");
    CHECK(error_for({{"n", small_rsa_modulus()}}) ==
          "jwks.json: error at /keys/0/n: an RSA key must have 2048 to 16384 bits, found 1024");
    CHECK(error_for({{"e", "AQAA"}}).find("/keys/0/e: the RSA exponent must be odd") != std::string::npos);
    CHECK(error_for({{"kty", "oct"}, {"k", "c2VjcmV0"}}).find("/keys/0/kty: kty must be RSA or EC") !=
          std::string::npos);
    CHECK(error_for({{"kty", "OKP"}}).find("found \"OKP\"") != std::string::npos);
    CHECK(error_for({{"d", "AQAB"}}).find("/keys/0/d: private or secret key member 'd'") !=
          std::string::npos);
    CHECK(error_for({{"kid", nullptr}}).find("/keys/0/kid") != std::string::npos);
    CHECK(error_for({{"use", "enc"}}).find("/keys/0/use") != std::string::npos);
    CHECK(error_for({{"key_ops", {"sign"}}}).find("/keys/0/key_ops") != std::string::npos);
    CHECK(error_for({{"alg", "HS256"}}).find("/keys/0/alg") != std::string::npos);
    CHECK(error_for({{"alg", "ES256"}}).find("/keys/0/alg") != std::string::npos);
}

TEST_CASE("a bad EC key is refused: curve, coordinate sizes, point not on the curve", "[security][jwks]") {
    CHECK(error_for({{"crv", "secp256k1"}}, ec_key().jwk).find("/keys/0/crv") != std::string::npos);
    CHECK(error_for({{"x", "AQAB"}}, ec_key().jwk).find("must be 32 bytes each, found 3 and 32") !=
          std::string::npos);
    json off_curve = ec_key().jwk;
    std::string y = *base64url_decode(off_curve["y"].get<std::string>());
    y.back() = static_cast<char>(y.back() ^ 1);
    CHECK(error_for({{"y", base64url_encode(y)}}, ec_key().jwk) ==
          "jwks.json: error at /keys/0/x: the point (x, y) is not a valid public key on P-256");
    CHECK(error_for({{"alg", "ES384"}}, ec_key().jwk).find("/keys/0/alg") != std::string::npos);
}

TEST_CASE("a key set that is not one is refused", "[security][jwks]") {
    std::string error;
    CHECK_FALSE(parse_jwks("{", "j.json", error));
    CHECK(error.find("j.json: error: not valid JSON") == 0);
    CHECK_FALSE(parse_jwks("[]", "j.json", error));
    CHECK(error.find("/keys") != std::string::npos);
    CHECK_FALSE(parse_jwks(R"({"keys": []})", "j.json", error));
    CHECK(error.find("no keys") != std::string::npos);
    CHECK_FALSE(parse_jwks(json{{"keys", {rsa_key().jwk, rsa_key().jwk}}}.dump(), "j.json", error));
    CHECK(error == "j.json: error at /keys/1/kid: duplicate kid 'test-rsa-1'");
    CHECK_FALSE(parse_jwks(json{{"keys", {rsa_key().jwk, 7}}}.dump(), "j.json", error));
    CHECK(error == "j.json: error at /keys/1: a key must be a JSON object, found 7");
}

TEST_CASE("JwtVerifier::from_jwks_file reports a missing file or a bad key clearly", "[security][jwks]") {
    const std::filesystem::path dir = std::filesystem::path(REHAB_SECURITY_WORK_DIR) / "jwks";
    std::filesystem::create_directories(dir);
    const JwtPolicy policy{{"https://idp.test"}, "rehab"};
    std::string error;
    CHECK_FALSE(JwtVerifier::from_jwks_file((dir / "absent.json").string(), policy, error));
    CHECK(error == (dir / "absent.json").string() +
                       ": error: cannot open the JWKS file (missing, unreadable or not a regular file)");
    CHECK_FALSE(JwtVerifier::from_jwks_file(dir.string(), policy, error));  // a folder
    json bad = rsa_key().jwk;
    bad["d"] = "AQAB";
    std::ofstream((dir / "bad.json").string()) << json{{"keys", {ec_key().jwk, bad}}}.dump();
    CHECK_FALSE(JwtVerifier::from_jwks_file((dir / "bad.json").string(), policy, error));
    CHECK(error ==
          (dir / "bad.json").string() +
              ": error at /keys/1/d: private or secret key member 'd': a JWKS for verification holds "
              "public keys only");
    std::ofstream((dir / "good.json").string()) << jwks_text();
    const auto verifier = JwtVerifier::from_jwks_file((dir / "good.json").string(), policy, error);
    REQUIRE(verifier.has_value());
    CHECK(verifier->key_count() == 3);
}
