// Strong id types for knowledge entities: a dense index into the compiled knowledge graph.
// Ids are only created by the graph (or by tests); callers never see Boost vertex descriptors.
#pragma once
#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace rehab {

template <class Tag>
struct Id {
    static constexpr std::uint32_t invalid_value = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t value = invalid_value;

    constexpr Id() = default;
    constexpr explicit Id(std::uint32_t v) : value(v) {}
    [[nodiscard]] constexpr bool valid() const { return value != invalid_value; }
    [[nodiscard]] constexpr std::uint32_t index() const { return value; }
    friend constexpr auto operator<=>(Id, Id) = default;
};

using ExerciseId = Id<struct ExerciseTag>;
using MuscleId = Id<struct MuscleTag>;
using MovementId = Id<struct MovementTag>;
using ConditionId = Id<struct ConditionTag>;
using EquipmentId = Id<struct EquipmentTag>;
using PositionId = Id<struct PositionTag>;
using RedFlagId = Id<struct RedFlagTag>;
using ReferenceId = Id<struct ReferenceTag>;
using BandId = Id<struct BandTag>;
using LadderId = Id<struct LadderTag>;

}  // namespace rehab

template <class Tag>
struct std::hash<rehab::Id<Tag>> {
    std::size_t operator()(rehab::Id<Tag> id) const noexcept { return id.value; }
};
