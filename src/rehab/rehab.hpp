// The public API of rehab, in one include: load the knowledge and rules once, read and validate a
// profile with located diagnostics, recommend (and review logged sessions), and render the result.
// Everything here is a value or a const, thread-safe object; nothing writes files or logs.
#pragma once
#include <string>

#include "core/base/diagnostic.hpp"
#include "core/profile/profile_check.hpp"
#include "core/recommend/profile.hpp"
#include "core/recommend/programme.hpp"
#include "core/recommend/recommender.hpp"
#include "io/load/knowledge_loader.hpp"
#include "io/load/profile_reader.hpp"
#include "io/load/rules_loader.hpp"
#include "io/render/handout_html.hpp"
#include "io/render/programme_json.hpp"
#include "io/render/programme_summary.hpp"
#include "io/render/programme_text.hpp"
#include "rehab/version.hpp"

namespace rehab {

// What produced a result: the library and the data it ran on. Two runs with equal DataVersions and
// equal input give byte-identical output.
struct DataVersions {
    std::string library = library_version;
    std::string knowledge_name, knowledge_version, knowledge_hash;
    std::string rules_version, rules_hash;
};

inline DataVersions data_versions(const Recommender& r) {
    DataVersions v;
    v.knowledge_name = r.knowledge().name();
    v.knowledge_version = r.knowledge().version();
    v.knowledge_hash = r.knowledge().content_hash();
    v.rules_version = r.rules().version();
    v.rules_hash = r.rules().content_hash();
    return v;
}

// "rehab 0.1.0 (knowledge hip-groin 2.1.0 sha 1a2b..., rules 1.4.0 sha 3c4d...)".
inline std::string version_text(const DataVersions& v) {
    return "rehab " + v.library + " (knowledge " + v.knowledge_name + " " + v.knowledge_version + " " +
           v.knowledge_hash + ", rules " + v.rules_version + " " + v.rules_hash + ")";
}

}  // namespace rehab
