// Loaded recommenders shared by the benchmarks: the bundled knowledge and rules (loaded once), and
// synthetic ones (one cached at a time, so that large knowledge bases do not pile up in memory).
#pragma once
#include <memory>

#include "core/base/diagnostic.hpp"
#include "core/recommend/recommender.hpp"
#include "synthetic.hpp"

namespace rehab::bench {

std::shared_ptr<const Recommender> bundled_recommender();
std::shared_ptr<const Recommender> synthetic_recommender(const SyntheticSpec& spec);
// Prints the errors and aborts when `r` is null; a benchmark never times a failed load.
void require_loaded(const void* r, const Diagnostics& d, const char* what);

}  // namespace rehab::bench
