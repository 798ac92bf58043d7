// Base64url as JWS uses it: round trips, and strictness (no padding, no other alphabet, no
// non-canonical trailing bits) so that one token has one spelling.
#include "server/security/base64url.hpp"

#include <catch2/catch.hpp>

using rehab::server::base64url_decode;
using rehab::server::base64url_encode;

TEST_CASE("base64url round-trips every length", "[security][base64url]") {
    std::string bytes;
    for (int i = 0; i < 70; ++i) {
        CHECK(base64url_decode(base64url_encode(bytes)) == bytes);
        bytes.push_back(static_cast<char>(i * 37 + 250));
    }
    CHECK(base64url_encode("\xfb\xff") == "-_8");
    CHECK(base64url_encode("{}") == "e30");
}

TEST_CASE("base64url refuses what is not canonical unpadded base64url", "[security][base64url]") {
    CHECK_FALSE(base64url_decode("e30="));   // padding
    CHECK_FALSE(base64url_decode("+/8"));    // the standard alphabet
    CHECK_FALSE(base64url_decode("e3 0"));   // whitespace
    CHECK_FALSE(base64url_decode("e31"));    // trailing bits set
    CHECK_FALSE(base64url_decode("abcde"));  // a lone sixth of a byte
    CHECK(base64url_decode("") == std::string());
}
