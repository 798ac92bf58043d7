// Knowledge folder loading: finds the JSON files, parses them, dispatches each top-level key to
// its entity reader, computes the content hash, then links everything with KnowledgeGraph::build().
#include "io/load/knowledge_loader.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "io/file/json_files.hpp"
#include "io/json/reader.hpp"
#include "io/load/knowledge_readers.hpp"

namespace rehab::io {

namespace fs = std::filesystem;

std::uint64_t fnv1a64(const std::string& bytes, std::uint64_t seed) {
    std::uint64_t h = seed;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::string to_hex(std::uint64_t value) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(value));
    return buf;
}

namespace {

const std::vector<std::string> top_level_keys{
    "meta",           "references", "movements",  "muscles", "equipment", "positions", "bands",
    "band_reference", "red_flags",  "conditions", "codes",   "exercises", "ladders"};

// Relative paths of every *.json file under dir, sorted; KB014 when the folder cannot be listed, KB103
// (a warning) for each entry skipped: a dangling link, a link loop, a link to a folder.
std::vector<std::string> knowledge_files(const std::string& dir, Diagnostics& d) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        d.error("KB014", {dir, ""}, "cannot read knowledge folder: not a folder or does not exist");
        return {};
    }
    JsonFiles listing = list_json_files(dir);
    for (const auto& skipped : listing.skipped)
        d.warning("KB103", {skipped.path, ""}, "skipped: " + skipped.reason,
                  "remove the link or point it at a knowledge file");
    if (!listing.error.empty()) d.error("KB014", {dir, ""}, "cannot read knowledge folder: " + listing.error);
    if (listing.files.empty() && listing.error.empty())
        d.error("KB014", {dir, ""}, "knowledge folder holds no .json files");
    return std::move(listing.files);
}

void read_meta(const nlohmann::json& j, const std::string& file, Diagnostics& d, KnowledgeData& out) {
    FieldReader r(j, file, "/meta", d, "KB");
    r.allow_only({"name", "version", "description"});
    out.name = r.string("name", true).value_or("");
    auto version = r.string("version", true);
    static const std::regex semver(R"(\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?)");
    if (version && !std::regex_match(*version, semver))
        d.error("KB007", {file, "/meta/version"},
                "version '" + *version + "' is not a semantic version (1.2.3)");
    out.version = version.value_or("");
    out.description = r.string("description", false).value_or("");
}

using ArrayReader = void (*)(const nlohmann::json&, const ArrayPlace&, Diagnostics&, KnowledgeData&);

void read_equipment(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out) {
    read_named(a, at, d, out.equipment);
}
void read_positions(const nlohmann::json& a, const ArrayPlace& at, Diagnostics& d, KnowledgeData& out) {
    read_named(a, at, d, out.positions);
}

ArrayReader reader_for(const std::string& key) {
    if (key == "references") return &read_references;
    if (key == "movements") return &read_movements;
    if (key == "muscles") return &read_muscles;
    if (key == "equipment") return &read_equipment;
    if (key == "positions") return &read_positions;
    if (key == "bands") return &read_bands;
    if (key == "red_flags") return &read_red_flags;
    if (key == "conditions") return &read_conditions;
    if (key == "codes") return &read_codes;
    if (key == "exercises") return &read_exercises;
    if (key == "ladders") return &read_ladders;
    return nullptr;
}

struct FileState {
    bool meta_seen = false;
    std::string meta_file;
};

void read_top_level(const nlohmann::json& j, const std::string& file, Diagnostics& d, KnowledgeData& out,
                    FileState& state) {
    FieldReader top(j, file, "", d, "KB");
    if (!top.is_object()) return;
    top.allow_only(top_level_keys);
    for (const auto& [key, value] : j.items()) {
        if (key == "meta") {
            if (state.meta_seen) {
                d.error("KB005", {file, "/meta"}, "meta is given twice (first in " + state.meta_file + ")");
                continue;
            }
            state = {true, file};
            read_meta(value, file, d, out);
        } else if (key == "band_reference") {
            out.band_reference = top.string(key, true).value_or("");
            out.band_reference_origin = {file, "/band_reference"};
        } else if (auto reader = reader_for(key)) {
            if (const auto* arr = top.array(key, true)) reader(*arr, ArrayPlace{file, "/" + key}, d, out);
        }
    }
}

}  // namespace

KnowledgeData read_knowledge_texts(const std::vector<KnowledgeText>& files, const std::string& dir,
                                   Diagnostics& d) {
    KnowledgeData out;
    FileState state;
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const auto& f : files) {
        hash = fnv1a64(f.relative + '\0', hash);
        hash = fnv1a64(f.text, hash);  // then the separator, without copying the text to append it
        hash = fnv1a64(std::string(1, '\0'), hash);
        if (auto json = parse_json(f.text, f.shown, d, "KB001"))
            read_top_level(*json, f.shown, d, out, state);
    }
    if (!state.meta_seen && !files.empty())
        d.error("KB003", {dir, "/meta"}, "no file of the knowledge folder holds 'meta' (name and version)");
    out.content_hash = to_hex(hash);
    return out;
}

KnowledgeData read_knowledge_dir(const std::string& dir, Diagnostics& d) {
    std::vector<KnowledgeText> texts;
    for (const auto& rel : knowledge_files(dir, d)) {
        const std::string file = (fs::path(dir) / rel).generic_string();
        if (auto text = read_text_file(file, d, "KB014")) texts.push_back({rel, file, std::move(*text)});
    }
    return read_knowledge_texts(texts, dir, d);
}

namespace {

// Links what was read; `local` holds the reading's diagnostics, all of which end in `d`.
std::shared_ptr<const KnowledgeGraph> link_knowledge(const KnowledgeData& data, Diagnostics& local,
                                                     Diagnostics& d) {
    // A file that could not be read or parsed would make every link into it look broken: stop here.
    for (const auto& item : local.items()) {
        if (item.code == "KB001" || item.code == "KB014") {
            d.append(local);
            return nullptr;
        }
    }
    bool read_failed = local.has_errors();
    auto graph = KnowledgeGraph::build(data, local);
    d.append(local);
    return read_failed ? nullptr : graph;
}

}  // namespace

std::shared_ptr<const KnowledgeGraph> load_knowledge(const std::string& dir, Diagnostics& d) {
    Diagnostics local;
    KnowledgeData data = read_knowledge_dir(dir, local);
    return link_knowledge(data, local, d);
}

std::shared_ptr<const KnowledgeGraph> load_knowledge_texts(const std::vector<KnowledgeText>& files,
                                                           const std::string& dir, Diagnostics& d) {
    Diagnostics local;
    KnowledgeData data = read_knowledge_texts(files, dir, local);
    return link_knowledge(data, local, d);
}

}  // namespace rehab::io
