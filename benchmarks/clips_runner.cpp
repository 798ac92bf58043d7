// CLIPS side of the workload comparison. Facts are built with the fact API (no string parsing per
// patient); the counter global survives resets (set-reset-globals FALSE) and is read once per run.
#include "clips_runner.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" {
#include <clips.h>
}

namespace rehab::bench {

namespace {

void build(void* env, const std::string& construct) {
    if (!EnvBuild(env, construct.c_str())) {
        std::fprintf(stderr, "FATAL: CLIPS rejected: %s\n", construct.c_str());
        std::abort();
    }
}

std::int64_t read_counter(void* env) {
    DATA_OBJECT v;
    if (!EnvGetDefglobalValue(env, "matches", &v) || GetType(v) != INTEGER) {
        std::fprintf(stderr, "FATAL: CLIPS counter ?*matches* is missing\n");
        std::abort();
    }
    return DOToLong(v);
}

}  // namespace

ClipsRunner::ClipsRunner(const Workload& w) : env_(CreateEnvironment()) {
    EnvSetResetGlobals(env_, FALSE);
    build(env_, "(defglobal ?*matches* = 0)");
    build(env_, "(deftemplate patient (slot injury) (slot weeks) (slot pain) (slot rom))");
    for (std::size_t i = 0; i < w.rules.size(); ++i) {
        const auto& r = w.rules[i];
        build(env_, "(defrule r" + std::to_string(i) + " (patient (injury " +
                        injuries[static_cast<std::size_t>(r.injury)] + ") (weeks ?w&:(>= ?w " +
                        std::to_string(r.min_weeks) + ")) (pain ?p&:(< ?p " + std::to_string(r.max_pain) +
                        ")) (rom ?m&:(>= ?m " + std::to_string(r.min_rom) +
                        "))) => (bind ?*matches* (+ ?*matches* 1)))");
    }
    patient_template_ = EnvFindDeftemplate(env_, "patient");
    for (std::size_t i = 0; i < injuries.size(); ++i) {
        injury_symbols_[i] = EnvAddSymbol(env_, injuries[i]);
        IncrementSymbolCount(injury_symbols_[i]);  // keep them alive across resets
    }
}

ClipsRunner::~ClipsRunner() { DestroyEnvironment(env_); }

std::int64_t ClipsRunner::run(const Workload& w) {
    const std::int64_t before = read_counter(env_);
    for (const auto& p : w.patients) {
        EnvReset(env_);
        struct fact* f = EnvCreateFact(env_, patient_template_);
        DATA_OBJECT v;
        SetType(v, SYMBOL);
        SetValue(v, injury_symbols_[p.injury]);
        EnvPutFactSlot(env_, f, "injury", &v);
        SetType(v, INTEGER);
        SetValue(v, EnvAddLong(env_, p.weeks));
        EnvPutFactSlot(env_, f, "weeks", &v);
        SetValue(v, EnvAddLong(env_, p.pain));
        EnvPutFactSlot(env_, f, "pain", &v);
        SetValue(v, EnvAddLong(env_, p.rom));
        EnvPutFactSlot(env_, f, "rom", &v);
        EnvAssert(env_, f);
        EnvRun(env_, -1);
    }
    return read_counter(env_) - before;
}

}  // namespace rehab::bench
