// A JSON Web Key Set (RFC 7517) of public signing keys, read once from a configured file: RSA keys
// (n, e; at least 2048 bits) and EC keys on P-256, P-384 or P-521 (crv, x, y), each with a unique kid,
// converted to PEM with OpenSSL 3. Secret (oct) keys and private key members are refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rehab::server {

enum class KeyFamily { rsa, ec };

struct Jwk {
    std::string kid;
    KeyFamily family = KeyFamily::rsa;
    std::string curve;  // "P-256", "P-384" or "P-521" for EC keys, empty for RSA
    std::string alg;    // the key's declared "alg", empty when the JWK names none
    int bits = 0;       // modulus (RSA) or field (EC) size
    std::string pem;    // SubjectPublicKeyInfo PEM, what libjwt verifies with
};

struct Jwks {
    std::vector<Jwk> keys;
    const Jwk* find(std::string_view kid) const;
};

// Whether a token signed with `alg` may be checked with `key`: RS256/384/512 for RSA keys, ES256 for
// P-256, ES384 for P-384 and ES512 for P-521 (RFC 7518 section 3.4). Nothing else, ever.
bool key_fits_algorithm(const Jwk& key, std::string_view alg);

// The key set in `text`; nullopt and `error` set ("origin: error at /keys/0/n: what, found ...") when
// it is not valid JSON, not a key set, or any key is unusable: a key set is used whole or not at all.
std::optional<Jwks> parse_jwks(std::string_view text, const std::string& origin, std::string& error);

// The key set in the file at `path`; nullopt and `error` set when it cannot be read or is invalid.
std::optional<Jwks> load_jwks_file(const std::string& path, std::string& error);

}  // namespace rehab::server
