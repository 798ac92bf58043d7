// The rule-matching workload in CLIPS 6.30, embedded through its C API: one defrule per rule over a
// `patient` deftemplate; per patient reset, assert, run. Matches are counted by a defglobal the rule
// right-hand sides increment. Only built when CLIPS is found (REHAB_HAVE_CLIPS).
#pragma once
#include <cstdint>

#include "synthetic.hpp"

namespace rehab::bench {

class ClipsRunner {
public:
    explicit ClipsRunner(const Workload& w);  // builds the environment and the rules
    ~ClipsRunner();
    ClipsRunner(const ClipsRunner&) = delete;
    ClipsRunner& operator=(const ClipsRunner&) = delete;
    // Every patient through reset / assert / run; returns the number of rule firings.
    std::int64_t run(const Workload& w);

private:
    void* env_ = nullptr;
    void* patient_template_ = nullptr;
    void* injury_symbols_[8] = {};
};

}  // namespace rehab::bench
