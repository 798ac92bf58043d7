// JWK numbers to PEM through OpenSSL 3's provider API (EVP_PKEY_fromdata): no deprecated RSA or
// EC_KEY calls. Every OpenSSL object is owned by a unique_ptr.
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <memory>

#include "server/security/jwks_detail.hpp"

namespace rehab::server {
namespace {

struct Free {
    void operator()(BIGNUM* p) const { BN_free(p); }
    void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
    void operator()(BIO* p) const { BIO_free(p); }
};
template <class T>
using Owned = std::unique_ptr<T, Free>;

Owned<BIGNUM> big(const std::string& bytes) {
    return Owned<BIGNUM>(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                                   static_cast<int>(bytes.size()), nullptr));
}

// The public key the parameters describe, checked by OpenSSL, or null.
Owned<EVP_PKEY> from_params(const char* type, OSSL_PARAM_BLD* builder) {
    Owned<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(builder));
    Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY* raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        ERR_clear_error();
        return nullptr;
    }
    Owned<EVP_PKEY> key(raw);
    Owned<EVP_PKEY_CTX> check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1) {
        ERR_clear_error();
        return nullptr;
    }
    return key;
}

bool write_pem(EVP_PKEY* pkey, Jwk& key) {
    Owned<BIO> bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), pkey) != 1) return false;
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    if (size <= 0 || data == nullptr) return false;
    key.pem.assign(data, static_cast<std::size_t>(size));
    key.bits = EVP_PKEY_get_bits(pkey);
    return true;
}

}  // namespace

bool rsa_public_pem(const std::string& n, const std::string& e, Jwk& key, std::string& error,
                    std::string& member) {
    member = "n";
    auto modulus = big(n);
    auto exponent = big(e);
    if (!modulus || !exponent) {
        error = "cannot read the RSA numbers";
        return false;
    }
    const int bits = BN_num_bits(modulus.get());
    if (bits < 2048 || bits > 16384) {
        error = "an RSA key must have 2048 to 16384 bits, found " + std::to_string(bits);
        return false;
    }
    if (!BN_is_odd(exponent.get()) || BN_num_bits(exponent.get()) < 2 || BN_num_bits(exponent.get()) > 64) {
        member = "e";
        error = "the RSA exponent must be odd and between 3 and 2^64 (usually AQAB, 65537)";
        return false;
    }
    Owned<OSSL_PARAM_BLD> builder(OSSL_PARAM_BLD_new());
    if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1) {
        error = "cannot build the RSA key";
        return false;
    }
    auto pkey = from_params("RSA", builder.get());
    if (!pkey || !write_pem(pkey.get(), key)) {
        error = "OpenSSL refused the RSA public key";
        return false;
    }
    return true;
}

bool ec_public_pem(const std::string& x, const std::string& y, Jwk& key, std::string& error) {
    const std::size_t size = key.curve == "P-256" ? 32 : key.curve == "P-384" ? 48 : 66;
    if (x.size() != size || y.size() != size) {
        error = "the coordinates 'x' and 'y' of a " + key.curve + " key must be " + std::to_string(size) +
                " bytes each, found " + std::to_string(x.size()) + " and " + std::to_string(y.size());
        return false;
    }
    std::string point = "\x04" + x + y;  // uncompressed SEC 1 point
    Owned<OSSL_PARAM_BLD> builder(OSSL_PARAM_BLD_new());
    if (!builder ||
        OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, key.curve.c_str(), 0) !=
            1 ||
        OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                         point.size()) != 1) {
        error = "cannot build the EC key";
        return false;
    }
    auto pkey = from_params("EC", builder.get());
    if (!pkey || !write_pem(pkey.get(), key)) {
        error = "the point (x, y) is not a valid public key on " + key.curve;
        return false;
    }
    return true;
}

}  // namespace rehab::server
