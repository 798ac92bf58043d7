// Catch2 main for the tests of rehab_server_security (JWT verification, JWKS, replay cache, audit
// log), a binary of its own because it links OpenSSL, libjwt and SQLite.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
