// The OpenSSL 3 half of the JWKS reader: builds a public key from its JWK numbers, checks it (size,
// exponent, point on the curve) and writes it as SubjectPublicKeyInfo PEM into the Jwk.
#pragma once

#include <string>

#include "server/security/jwks.hpp"

namespace rehab::server {

// From the big-endian modulus and exponent; false, `error` and `member` ("n" or "e") set for a key
// under 2048 bits or a bad exponent.
bool rsa_public_pem(const std::string& n, const std::string& e, Jwk& key, std::string& error,
                    std::string& member);

// From the big-endian coordinates on `key.curve`; false and `error` set for a point not on the curve.
bool ec_public_pem(const std::string& x, const std::string& y, Jwk& key, std::string& error);

}  // namespace rehab::server
