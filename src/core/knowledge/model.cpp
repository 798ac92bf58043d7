// Text names of the knowledge-model enumerations, exactly as they are spelled in the JSON files.
// to_string() and the *_from() parsers share one table per enum so the two cannot drift apart.
#include "core/knowledge/model.hpp"

#include <array>
#include <string_view>

namespace rehab {

namespace {

constexpr std::array<const char*, 3> stage_names{"early", "mid", "late"};
constexpr std::array<const char*, 5> component_names{"strength", "balance", "motor_control", "mobility",
                                                     "trunk"};
constexpr std::array<const char*, 4> contraction_names{"isometric", "concentric", "eccentric", "stretch"};
constexpr std::array<const char*, 5> resistance_names{"body_weight", "band", "therapist", "external_load",
                                                      "none"};
constexpr std::array<const char*, 4> stance_names{"none", "both_legs", "other_leg", "affected_leg"};
constexpr std::array<const char*, 3> lies_on_names{"none", "working_side", "other_side"};
constexpr std::array<const char*, 2> urgency_names{"emergency", "urgent"};

template <class E, std::size_t N>
const char* name_of(const std::array<const char*, N>& names, E value) {
    auto i = static_cast<std::size_t>(value);
    return i < N ? names[i] : "?";
}

template <class E, std::size_t N>
std::optional<E> parse(const std::array<const char*, N>& names, std::string_view text) {
    for (std::size_t i = 0; i < N; ++i)
        if (text == names[i]) return static_cast<E>(i);
    return std::nullopt;
}

}  // namespace

const char* to_string(Stage s) { return name_of(stage_names, s); }
const char* to_string(Component c) { return name_of(component_names, c); }
const char* to_string(Contraction c) { return name_of(contraction_names, c); }
const char* to_string(Resistance r) { return name_of(resistance_names, r); }
const char* to_string(Stance s) { return name_of(stance_names, s); }
const char* to_string(LiesOn l) { return name_of(lies_on_names, l); }
const char* to_string(Urgency u) { return name_of(urgency_names, u); }

std::optional<Stage> stage_from(std::string_view s) { return parse<Stage>(stage_names, s); }
std::optional<Component> component_from(std::string_view s) { return parse<Component>(component_names, s); }
std::optional<Contraction> contraction_from(std::string_view s) {
    return parse<Contraction>(contraction_names, s);
}
std::optional<Resistance> resistance_from(std::string_view s) {
    return parse<Resistance>(resistance_names, s);
}
std::optional<Stance> stance_from(std::string_view s) { return parse<Stance>(stance_names, s); }
std::optional<LiesOn> lies_on_from(std::string_view s) { return parse<LiesOn>(lies_on_names, s); }
std::optional<Urgency> urgency_from(std::string_view s) { return parse<Urgency>(urgency_names, s); }

}  // namespace rehab
