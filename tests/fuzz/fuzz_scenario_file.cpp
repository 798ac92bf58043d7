// Harness: a scenario file -> read (structure and every id checked) -> run its expectations against the
// bundled engine, twice. Checks: no crash, and both runs give the same status, checks and failures.
#include "fuzz_support.hpp"
#include "io/json/reader.hpp"
#include "io/suite/scenario.hpp"
#include "io/suite/scenario_runner.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rehab;
    const auto r = fuzz::engine();
    Diagnostics d;
    auto doc = io::parse_json(fuzz::text_of(data, size), "fuzz/scenario.json", d, "SC001");
    if (!doc) return 0;
    auto s = io::read_scenario(*doc, r->knowledge(), "fuzz/scenario.json", d);
    if (!s) {
        fuzz::require(d.has_errors(), "a refused scenario has an error");
        return 0;
    }
    io::ScenarioRunner runner(r);
    const io::ScenarioResult a = runner.run(*s), b = runner.run(*s);
    fuzz::require(a.status == b.status && a.checks == b.checks && a.failures.size() == b.failures.size(),
                  "a scenario gives the same result twice");
    for (std::size_t i = 0; i < a.failures.size(); ++i)
        fuzz::require(a.failures[i].message == b.failures[i].message, "a failure says the same twice",
                      a.failures[i].message);
    return 0;
}
