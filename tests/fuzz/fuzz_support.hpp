// Shared by the libFuzzer harnesses (tests/fuzz/README.md): the bundled engine, loaded once, and the
// invariants every harness checks on what it produced. A broken invariant prints what broke and
// aborts: libFuzzer saves the input as a crash, which becomes a regression file in regressions/.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/recommend/profile.hpp"
#include "core/recommend/recommender.hpp"

namespace rehab::fuzz {

// The recommender on the bundled knowledge and rules (REHAB_SOURCE_DIR).
std::shared_ptr<const Recommender> engine();

// The example profiles of examples/profiles, read once (for harnesses that vary the rules or knowledge).
const std::vector<std::string>& example_profiles();

// Aborts with `what` when `ok` is false.
void require(bool ok, const char* what, const std::string& detail = {});

// Recommends for `p`, renders every format (JSON, text, HTML handout, summary) and checks: each JSON
// parses back, no exercise of `excluded` is in `exercises`, and a second run gives the same bytes.
void check_programme(const Recommender& r, const Profile& p);

// The input as text.
inline std::string text_of(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

}  // namespace rehab::fuzz
