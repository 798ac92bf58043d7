// Synthetic, clinically plausible patient profiles for load tests and batch runs (`rehab generate`):
// all ten conditions, mostly mid stage, some early and late, about 2 % with a red flag, some with a
// logged history. Deterministic per seed on every platform: std::mt19937_64 with distributions
// written here (the standard ones differ between standard libraries) and no libm calls.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace rehab::io {

// Portable distributions over std::mt19937_64 (whose output sequence the standard fixes).
class PortableRandom {
public:
    explicit PortableRandom(std::uint64_t seed) : engine_(seed) {}
    std::uint64_t next() { return engine_(); }
    std::int64_t integer(std::int64_t lo, std::int64_t hi);  // uniform in [lo, hi], unbiased
    double real();                                           // uniform in [0, 1), 53 bits
    double real(double lo, double hi) { return lo + (hi - lo) * real(); }
    bool chance(double p) { return real() < p; }
    double normal(double mean, double sd);                  // Irwin-Hall (12 uniforms) approximation
    std::size_t weighted(const std::vector<int>& weights);  // index, with probability weight/sum

private:
    std::mt19937_64 engine_;
};

struct GeneratorOptions {
    std::uint64_t seed = 1;
    double red_flag_rate = 0.02;
    double history_rate = 0.25;  // of the mid- and late-stage profiles
};

class ProfileGenerator {
public:
    explicit ProfileGenerator(const GeneratorOptions& options);
    // The next profile (a JSON object in the profile format); ids are "gen-<seed>-<n>".
    nlohmann::json next();

private:
    GeneratorOptions options_;
    PortableRandom random_;
    std::uint64_t count_ = 0;
};

}  // namespace rehab::io
