// The operator's recipes in docs/service-auth.md work: scripts/auth-test-keys.py (RSA and EC) and the
// openssl-only shell block of the document make a key pair, a JWKS and a token JwtVerifier accepts once.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "server/security/jwt_verifier.hpp"

using namespace rehab::server;
namespace fs = std::filesystem;

namespace {

std::string run(const std::string& command) {
    std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(command.c_str(), "r"), pclose);
    REQUIRE(pipe);
    std::string out;
    char buffer[4096];
    while (const std::size_t n = fread(buffer, 1, sizeof buffer, pipe.get())) out.append(buffer, n);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

}  // namespace

TEST_CASE("the documented test key pair, JWKS and token work end to end", "[security][jwt][docs]") {
    const std::string script = std::string(REHAB_SOURCE_DIR) + "/scripts/auth-test-keys.py";
    for (const char* kty : {"RSA", "EC"}) {
        const fs::path dir = fs::path(REHAB_SECURITY_WORK_DIR) / (std::string("auth-") + kty);
        fs::remove_all(dir);
        fs::create_directories(dir);
        REQUIRE(std::system((script + " keys " + dir.string() + " --kty " + kty).c_str()) == 0);
        CHECK((fs::status(dir / "test-private.pem").permissions() & fs::perms::others_read) ==
              fs::perms::none);

        std::string error;
        const auto verifier = JwtVerifier::from_jwks_file((dir / "jwks.json").string(),
                                                          JwtPolicy{{"https://idp.example"}, "rehab"}, error);
        INFO(error);
        REQUIRE(verifier.has_value());
        const std::string token = run(script + " token --key " + (dir / "test-private.pem").string() +
                                      " --iss https://idp.example --aud rehab --sub dr-who --now 1700000000");
        const auto decision = verifier->verify("Bearer " + token, 1'700'000'001);
        INFO(kty << " " << to_string(decision.failure));
        CHECK(decision.ok);
        CHECK(decision.subject == "dr-who");
        CHECK(verifier->verify("Bearer " + token, 1'700'000'002).failure == AuthFailure::replayed);
    }
}

TEST_CASE("the openssl-only recipe of docs/service-auth.md makes a JWKS and a token",
          "[security][jwt][docs]") {
    std::ifstream doc(std::string(REHAB_SOURCE_DIR) + "/docs/service-auth.md");
    std::stringstream text;
    text << doc.rdbuf();
    const std::string all = text.str();
    const auto marker = all.find("<!-- openssl-recipe -->");
    REQUIRE(marker != std::string::npos);
    const auto start = all.find("```sh\n", marker);
    const auto end = all.find("```", start + 6);
    REQUIRE((start != std::string::npos && end != std::string::npos));
    const fs::path dir = fs::path(REHAB_SECURITY_WORK_DIR) / "auth-recipe";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream((dir / "recipe.sh").string()) << "set -eu\n" << all.substr(start + 6, end - start - 6);
    const std::string token = run("cd " + dir.string() + " && sh recipe.sh");
    std::string error;
    const auto verifier = JwtVerifier::from_jwks_file((dir / "jwks.json").string(),
                                                      JwtPolicy{{"https://idp.example"}, "rehab"}, error);
    INFO(error);
    REQUIRE(verifier.has_value());
    const auto decision = verifier->verify("Bearer " + token, static_cast<std::int64_t>(std::time(nullptr)));
    INFO(to_string(decision.failure));
    CHECK(decision.ok);
    CHECK(decision.subject == "test-clinician");
}
