// Harness: a profile (JSON text) -> read_profile -> recommend -> every renderer. A refused profile must
// say why (at least one error, at most the capped list); an accepted one must pass check_programme.
#include "fuzz_support.hpp"
#include "io/load/profile_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rehab;
    const auto r = fuzz::engine();
    Diagnostics d;
    auto p = io::parse_profile_text(fuzz::text_of(data, size), r->knowledge(), "fuzz.json", d);
    fuzz::require(d.items().size() <= Diagnostics::max_errors + 1, "the diagnostics list is capped");
    if (!p) {
        fuzz::require(d.has_errors(), "a refused profile has an error");
        return 0;
    }
    fuzz::require(!d.has_errors(), "an accepted profile has no error");
    fuzz::check_programme(*r, *p);
    return 0;
}
