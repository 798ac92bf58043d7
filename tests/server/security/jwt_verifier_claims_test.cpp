// check_claims on its own: NumericDates as reals and huge numbers, audience arrays, the replay key
// and how long it is remembered.
#include <catch2/catch.hpp>

#include "server/security/jwt_verifier_detail.hpp"

using namespace rehab::server;

namespace {
const JwtPolicy kPolicy{{"https://idp.test"}, "rehab"};
constexpr std::int64_t kAt = 1'700'000'000;
}  // namespace

TEST_CASE("claims: a good set gives the subject and the replay key", "[security][jwt]") {
    const auto c = check_claims(R"({"iss":"https://idp.test","aud":["x","rehab"],"exp":1700000100,"jti":"j1",
                                    "sub":"u"})",
                                kPolicy, kAt);
    CHECK(c.failure == AuthFailure::none);
    CHECK(c.subject == "u");
    CHECK(c.replay_id == "https://idp.test\nj1");
    CHECK(c.remember_until == 1'700'000'130);
}

TEST_CASE("claims: NumericDates may be reals; huge or odd values are refused safely", "[security][jwt]") {
    const auto at = [](const std::string& exp) {
        return check_claims(R"({"iss":"https://idp.test","aud":"rehab","jti":"j","exp":)" + exp + "}",
                            kPolicy, kAt)
            .failure;
    };
    CHECK(at("1700000100.5") == AuthFailure::none);
    CHECK(at("1699999969.9") == AuthFailure::expired);  // rounded down: 1699999969 + 30 < now
    CHECK(at("18446744073709551615") == AuthFailure::lifetime_too_long);
    CHECK(at("-9223372036854775808") == AuthFailure::expired);
    CHECK(at("1e400") == AuthFailure::malformed);  // out of range: the claims are not read at all
    CHECK(at("null") == AuthFailure::missing_claim);
    CHECK(at("true") == AuthFailure::missing_claim);
    CHECK(check_claims("[1]", kPolicy, kAt).failure == AuthFailure::malformed);
    CHECK(check_claims(R"({"iss":"https://idp.test","aud":"rehab","jti":"j","exp":1700000100,"sub":5})",
                       kPolicy, kAt)
              .failure == AuthFailure::malformed);
    CHECK(check_claims(R"({"iss":"https://idp.test","aud":"rehab","jti":"","exp":1700000100})", kPolicy, kAt)
              .failure == AuthFailure::missing_claim);
}
