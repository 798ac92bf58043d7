// Harness: a rule expression -> parse -> render -> parse again (the canonical text is a fixed point),
// then compile it as a condition and as a number against the bundled rules' schema and run the
// program on unknown and on known facts. Checks: no crash, the rendering round-trips.
#include <cmath>

#include "core/lang/ast.hpp"
#include "core/lang/compiler.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rehab;
    const auto r = fuzz::engine();
    const std::string text = fuzz::text_of(data, size);
    Expr e;
    Diagnostics d;
    if (!parse_expr(text, e, d, {"fuzz.json", "/when"})) {
        fuzz::require(d.items().size() == 1, "a refused expression has one diagnostic");
        return 0;
    }
    const std::string canonical = e.render(e.root);
    Expr again;
    Diagnostics d2;
    fuzz::require(parse_expr(canonical, again, d2, {"fuzz.json", "/when"}), "the rendering parses",
                  canonical);
    fuzz::require(again.render(again.root) == canonical, "the rendering is a fixed point",
                  text + "\n" + canonical);

    const FactSchema& schema = r->rules().schema();
    for (const FactType type : {FactType::boolean, FactType::number}) {
        Diagnostics cd;
        auto compiled = compile_expr(e, ValueType{type, 0}, ExprContext{schema, cd, {"fuzz.json", "/when"}});
        if (!compiled) continue;
        FactValues facts(schema);
        compiled->program.run(facts, nullptr, 0);
        for (FactSlot s = 0; s < schema.size(); ++s) facts.set(s, static_cast<double>(s % 3));
        compiled->program.run(facts, nullptr, 0);
    }
    return 0;
}
