// A fixed-size bitset over exercise indices, sized once at load time. Selectors resolve to these,
// and the engine combines them with word-wide operations: no allocation while recommending.
#pragma once
#include <bit>
#include <cstdint>
#include <vector>

#include "core/base/ids.hpp"

namespace rehab {

class ExerciseSet {
public:
    ExerciseSet() = default;
    explicit ExerciseSet(std::size_t size) : size_(size), words_((size + 63) / 64, 0) {}

    static ExerciseSet all(std::size_t size) {
        ExerciseSet s(size);
        for (std::size_t i = 0; i < size; ++i) s.insert(ExerciseId(static_cast<std::uint32_t>(i)));
        return s;
    }
    [[nodiscard]] std::size_t size() const { return size_; }
    void insert(ExerciseId e) { words_[e.value >> 6] |= std::uint64_t{1} << (e.value & 63); }
    void erase(ExerciseId e) { words_[e.value >> 6] &= ~(std::uint64_t{1} << (e.value & 63)); }
    [[nodiscard]] bool contains(ExerciseId e) const { return (words_[e.value >> 6] >> (e.value & 63)) & 1u; }
    void clear() {
        for (auto& w : words_) w = 0;
    }
    [[nodiscard]] bool empty() const {
        for (auto w : words_)
            if (w) return false;
        return true;
    }
    [[nodiscard]] std::size_t count() const {
        std::size_t n = 0;
        for (auto w : words_) n += static_cast<std::size_t>(std::popcount(w));
        return n;
    }
    ExerciseSet& operator|=(const ExerciseSet& o) {
        for (std::size_t i = 0; i < words_.size(); ++i) words_[i] |= o.words_[i];
        return *this;
    }
    ExerciseSet& operator&=(const ExerciseSet& o) {
        for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= o.words_[i];
        return *this;
    }
    ExerciseSet& subtract(const ExerciseSet& o) {
        for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= ~o.words_[i];
        return *this;
    }
    void complement() {
        for (auto& w : words_) w = ~w;
        if (size_ % 64) words_.back() &= (std::uint64_t{1} << (size_ % 64)) - 1;
    }
    // Calls f(ExerciseId) for each member in increasing index order.
    template <class F>
    void for_each(F&& f) const {
        for (std::size_t i = 0; i < words_.size(); ++i) {
            std::uint64_t w = words_[i];
            while (w) {
                int b = std::countr_zero(w);
                f(ExerciseId(static_cast<std::uint32_t>(i * 64 + static_cast<std::size_t>(b))));
                w &= w - 1;
            }
        }
    }
    friend bool operator==(const ExerciseSet&, const ExerciseSet&) = default;

private:
    std::size_t size_ = 0;
    std::vector<std::uint64_t> words_;
};

}  // namespace rehab
