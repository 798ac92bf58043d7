// TEMPORARY: empty registrations so the app links until the real command files land.
// The lead deletes this file when register_rules/recommend/scenario_commands are written.
#include "app/command.hpp"

namespace rehab::app {

void register_recommend_commands(CLI::App&, int&) {}
void register_scenario_commands(CLI::App&, int&) {}
void register_simulate_commands(CLI::App&, int&) {}

}  // namespace rehab::app
