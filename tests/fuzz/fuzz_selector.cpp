// Harness: an exercise selector -> compile through the knowledge graph -> resolve for facts. Checks: no
// crash, and every set resolved is inside the selector's upper bound.
#include "core/lang/selector.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rehab;
    const auto r = fuzz::engine();
    const FactSchema& schema = r->rules().schema();
    Diagnostics d;
    auto s =
        Selector::compile(fuzz::text_of(data, size), r->knowledge(), schema, d, {"fuzz.json", "/select"});
    if (!s) {
        fuzz::require(d.has_errors(), "a refused selector has an error");
        return 0;
    }
    const ExerciseSet bound = s->upper_bound();
    FactValues facts(schema);
    for (int round = 0; round < 3; ++round) {
        ExerciseSet resolved = s->resolve(facts);
        ExerciseSet outside = resolved;
        ExerciseSet complement = bound;
        complement.complement();
        outside &= complement;
        fuzz::require(outside.empty(), "a resolved set is inside the upper bound", s->source());
        for (FactSlot k : s->keys()) facts.set(k, round);
    }
    (void)s->ast().render(s->ast().root);
    return 0;
}
