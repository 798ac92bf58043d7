// Catch2 main for the rehab test suite.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
