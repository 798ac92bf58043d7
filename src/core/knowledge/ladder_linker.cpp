// Links the loading ladders: each rung's exercise ids become strong ids and `on_ladder` relations,
// each exercise learns its rung on every ladder it is on. Reports KB015 (an exercise twice on one
// ladder), KB016 (a progression that steps down a ladder) and KB017 (an exercise on no ladder that
// does not say why).
#include <algorithm>

#include "core/knowledge/linker.hpp"

namespace rehab {

namespace {

int rung_on(const Exercise& e, LadderId l) {
    for (const auto& p : e.ladders)
        if (p.ladder == l) return p.rung;
    return 0;
}

}  // namespace

void Linker::link_ladders() {
    for (std::uint32_t i = 0; i < ladders_.size(); ++i) {
        const auto& s = *ladders_[i];
        Node self{VertexKind::ladder, i};
        Ladder l{LadderId(i), s.id, s.name, s.description, s.section, {}, {}, {}};
        l.references = link_references(self, s.references, {s.origin.file, s.origin.pointer + "/references"});
        for (std::size_t r = 0; r < s.rungs.size(); ++r) {
            const auto& rung = s.rungs[r];
            l.rung_names.push_back(rung.name);
            std::vector<ExerciseId> members;
            for (std::size_t j = 0; j < rung.exercises.size(); ++j) {
                Location at{rung.origin.file, rung.origin.pointer + "/exercises/" + std::to_string(j)};
                auto x = resolve(VertexKind::exercise, rung.exercises[j], at.file, at.pointer);
                if (!x || *x >= out_.exercises.size()) continue;
                Exercise& e = out_.exercises[*x];
                if (int before = rung_on(e, l.id)) {
                    d_.error("KB015", at,
                             "exercise '" + e.key + "' is on the " + s.id + " ladder twice (rungs " +
                                 std::to_string(before) + " and " + std::to_string(r + 1) + ")",
                             "an exercise has one rung on each ladder it is on");
                    continue;
                }
                out_.links.push_back({Relation::on_ladder,
                                      {VertexKind::exercise, *x},
                                      self,
                                      static_cast<unsigned>(r + 1),
                                      false,
                                      at.pointer});
                e.ladders.push_back({l.id, static_cast<int>(r + 1)});
                members.emplace_back(*x);
            }
            std::sort(members.begin(), members.end());
            l.rungs.push_back(std::move(members));
        }
        out_.ladders.push_back(std::move(l));
    }
    for (std::uint32_t i = 0; i < exercises_.size() && i < out_.exercises.size(); ++i) {
        const Exercise& e = out_.exercises[i];
        if (e.ladders.empty() && e.ladder_note.empty())
            d_.warning("KB017", {exercises_[i]->origin.file, exercises_[i]->origin.pointer},
                       "exercise '" + e.key + "' is on no loading ladder and does not say why",
                       "put it on a rung of a ladder (ladders.json), or give a 'ladder_note'");
    }
    check_ladder_chains();
}

// A progression leads to an exercise at the same rung or higher on every ladder both are on.
void Linker::check_ladder_chains() {
    for (std::uint32_t i = 0; i < exercises_.size() && i < out_.exercises.size(); ++i) {
        const auto& s = *exercises_[i];
        const Exercise& from = out_.exercises[i];
        for (std::size_t j = 0; j < s.progresses_to.size(); ++j) {
            auto to = out_.find(VertexKind::exercise, s.progresses_to[j]);
            if (!to || *to >= out_.exercises.size()) continue;
            const Exercise& next = out_.exercises[*to];
            for (const auto& p : from.ladders) {
                int r = rung_on(next, p.ladder);
                if (r == 0 || r >= p.rung) continue;
                const Ladder& l = out_.ladders[p.ladder.value];
                d_.error("KB016", {s.origin.file, s.origin.pointer + "/progresses_to/" + std::to_string(j)},
                         "'" + from.key + "' (rung " + std::to_string(p.rung) + " of the " + l.key +
                             " ladder) progresses to '" + next.key + "' at the lighter rung " +
                             std::to_string(r),
                         "a progression climbs the ladder: move one of them to another rung, or the chain");
            }
        }
    }
}

}  // namespace rehab
