// TEST-ONLY keys: generated with OpenSSL 3 (EVP_PKEY_Q_keygen) when the tests start, their public
// numbers written as JWKs, and tokens signed with libjwt or with OpenSSL's EVP_DigestSign.
#include "test_keys.hpp"

#include <jwt.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "server/security/base64url.hpp"

namespace rehab::server::test {
namespace {

using nlohmann::json;

std::string pem_of(EVP_PKEY* key, bool private_key) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    const int ok = private_key
                       ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                       : PEM_write_bio_PUBKEY(bio.get(), key);
    if (ok != 1) throw std::runtime_error("PEM_write failed");
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::string number(EVP_PKEY* key, const char* name, int pad) {
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &bn) != 1) throw std::runtime_error("get_bn_param failed");
    std::string bytes(static_cast<std::size_t>(pad > 0 ? pad : BN_num_bytes(bn)), '\0');
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    BN_free(bn);
    return base64url_encode(bytes);
}

TestKey make_key(const std::string& kid, const char* type, const char* curve) {
    EVP_PKEY* raw = std::string(type) == "RSA" ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{2048})
                                               : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve);
    if (raw == nullptr) throw std::runtime_error("key generation failed");
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(raw, EVP_PKEY_free);
    TestKey out{kid, "", pem_of(raw, true), pem_of(raw, false), json::object()};
    if (std::string(type) == "RSA") {
        out.alg = "RS256";
        out.jwk = {{"kty", "RSA"},
                   {"kid", kid},
                   {"use", "sig"},
                   {"n", number(raw, OSSL_PKEY_PARAM_RSA_N, 0)},
                   {"e", number(raw, OSSL_PKEY_PARAM_RSA_E, 0)}};
    } else {
        const int size = std::string(curve) == "P-256" ? 32 : 48;
        out.alg = size == 32 ? "ES256" : "ES384";
        out.jwk = {{"kty", "EC"},
                   {"kid", kid},
                   {"crv", curve},
                   {"x", number(raw, OSSL_PKEY_PARAM_EC_PUB_X, size)},
                   {"y", number(raw, OSSL_PKEY_PARAM_EC_PUB_Y, size)}};
    }
    return out;
}

const EVP_MD* digest_of(const std::string& alg) {
    if (alg.ends_with("384")) return EVP_sha384();
    if (alg.ends_with("512")) return EVP_sha512();
    return EVP_sha256();
}

}  // namespace

const TestKey& rsa_key() {
    static const TestKey key = make_key("test-rsa-1", "RSA", nullptr);
    return key;
}
const TestKey& ec_key() {
    static const TestKey key = make_key("test-ec-1", "EC", "P-256");
    return key;
}
const TestKey& ec384_key() {
    static const TestKey key = make_key("test-ec384-1", "EC", "P-384");
    return key;
}
const TestKey& other_rsa_key() {
    static const TestKey key = make_key("test-rsa-1", "RSA", nullptr);  // same kid, other key
    return key;
}

std::string jwks_text() { return json{{"keys", {rsa_key().jwk, ec_key().jwk, ec384_key().jwk}}}.dump(2); }

json good_claims() {
    static std::atomic<int> counter{0};
    return {{"iss", "https://idp.test"},
            {"aud", "rehab"},
            {"sub", "clinician-7"},
            {"iat", kNow - 10},
            {"nbf", kNow - 10},
            {"exp", kNow + 300},
            {"jti", "jti-" + std::to_string(++counter)}};
}

std::string sign(const std::string& alg, const std::string& key, const std::string& kid, const json& claims,
                 const json& extra_header) {
    jwt_t* raw = nullptr;
    if (jwt_new(&raw) != 0) throw std::runtime_error("jwt_new failed");
    std::unique_ptr<jwt_t, decltype(&jwt_free)> jwt(raw, jwt_free);
    if (!kid.empty()) jwt_add_header(raw, "kid", kid.c_str());
    for (const auto& [name, value] : extra_header.items())
        jwt_add_headers_json(raw, json{{name, value}}.dump().c_str());
    if (jwt_add_grants_json(raw, claims.dump().c_str()) != 0) throw std::runtime_error("bad claims");
    if (jwt_set_alg(raw, jwt_str_alg(alg.c_str()), reinterpret_cast<const unsigned char*>(key.data()),
                    static_cast<int>(key.size())) != 0) {
        throw std::runtime_error("jwt_set_alg failed for " + alg);
    }
    char* token = jwt_encode_str(raw);
    if (token == nullptr) throw std::runtime_error("jwt_encode_str failed");
    std::string out(token);
    std::free(token);
    return out;
}

std::string unsigned_token(const json& header, const json& claims, const std::string& signature) {
    return base64url_encode(header.dump()) + "." + base64url_encode(claims.dump()) + "." + signature;
}

std::string sign_with_openssl(const TestKey& key, const std::string& alg, const json& claims) {
    const std::string input =
        base64url_encode(json{{"alg", alg}, {"kid", key.kid}}.dump()) + "." + base64url_encode(claims.dump());
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(key.private_pem.data(), -1), BIO_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(
        PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    std::size_t size = 0;
    if (!pkey || EVP_DigestSignInit(ctx.get(), nullptr, digest_of(alg), nullptr, pkey.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &size, reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) != 1) {
        throw std::runtime_error("EVP_DigestSign failed");
    }
    std::string signature(size, '\0');
    auto* out = reinterpret_cast<unsigned char*>(signature.data());
    EVP_DigestSign(ctx.get(), out, &size, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    signature.resize(size);
    if (alg.starts_with("ES")) {  // DER ECDSA-Sig-Value to r || s
        const unsigned char* p = out;
        ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(size));
        const int half = alg == "ES256" ? 32 : alg == "ES384" ? 48 : 66;
        std::string raw(static_cast<std::size_t>(2 * half), '\0');
        BN_bn2binpad(ECDSA_SIG_get0_r(sig), reinterpret_cast<unsigned char*>(raw.data()), half);
        BN_bn2binpad(ECDSA_SIG_get0_s(sig), reinterpret_cast<unsigned char*>(raw.data()) + half, half);
        ECDSA_SIG_free(sig);
        signature = raw;
    }
    return input + "." + base64url_encode(signature);
}

}  // namespace rehab::server::test
