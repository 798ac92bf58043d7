// Harness: the `history` of a profile (programme and logged sessions) -> the progression review ->
// every renderer. The input is the history object itself, put in a fixed valid mid-stage profile, so
// that the fuzzer spends its time in the history reader and the review rather than the profile fields.
#include "fuzz_support.hpp"
#include "io/load/profile_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rehab;
    const auto r = fuzz::engine();
    const std::string text =
        R"({"id": "fuzz", "age": 30, "condition": "adductor_related_groin_pain", "side": "left",
        "stage": "mid", "equipment": ["resistance_band", "ball", "step", "bench"], "history": )" +
        fuzz::text_of(data, size) + "}";
    Diagnostics d;
    auto p = io::parse_profile_text(text, r->knowledge(), "fuzz.json", d);
    if (!p) {
        fuzz::require(d.has_errors(), "a refused profile has an error");
        return 0;
    }
    fuzz::check_programme(*r, *p);
    return 0;
}
