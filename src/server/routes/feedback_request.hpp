// The body of POST /v1/feedback: which recommendation (its request id, its programme hash or both) and
// one item per exercise (verdict, a reason code of a closed list, an optional bounded comment), read
// and checked against the knowledge with every problem at once (FB codes, pointers into the body).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/diagnostic.hpp"
#include "core/knowledge/graph.hpp"
#include "server/hooks.hpp"

namespace rehab::server {

inline constexpr std::size_t max_feedback_items = 100;
inline constexpr std::size_t max_feedback_comment_bytes = 2000;

const std::vector<std::string>& feedback_verdicts();  // accepted, rejected, modified
const std::vector<std::string>& feedback_reasons();   // the closed list of reason codes

// The submission (without clinician and time, which the route adds), or nullopt with `d` saying why.
std::optional<FeedbackSubmission> read_feedback(const std::string& body, const KnowledgeGraph& kg,
                                                Diagnostics& d);

}  // namespace rehab::server
