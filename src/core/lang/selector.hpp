// Exercise selectors: "works(adductor_longus) and not position(prone)", resolved through the
// knowledge graph at load time to exercise bitsets. A selector whose arguments name a fact
// ("contraindicated(condition, stage)") becomes a table with one bitset per combination of values.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/diagnostic.hpp"
#include "core/base/exercise_set.hpp"
#include "core/knowledge/graph.hpp"
#include "core/lang/ast.hpp"
#include "core/lang/fact_schema.hpp"

namespace rehab {

class Selector {
public:
    // The set for these facts: static, or looked up by the values of the key facts.
    // An unknown key fact gives the empty set.
    const ExerciseSet& resolve(const FactValues& facts) const {
        if (keys_.empty()) return table_[0];
        std::size_t index = 0;
        for (std::size_t k = 0; k < keys_.size(); ++k) {
            const FactValue& v = facts.get(keys_[k]);
            if (!v.known || v.value < 0 || static_cast<std::size_t>(v.value) >= radix_[k]) return empty_;
            index = index * radix_[k] + static_cast<std::size_t>(v.value);
        }
        return table_[index];
    }
    const std::vector<FactSlot>& keys() const { return keys_; }
    bool is_static() const { return keys_.empty(); }
    const std::string& source() const { return source_; }
    const Expr& ast() const { return *ast_; }  // the parsed source, for explanations
    // Every exercise the selector can ever name (union over the table): for contradiction checks.
    ExerciseSet upper_bound() const;

    static std::optional<Selector> compile(const std::string& text, const KnowledgeGraph& kg,
                                           const FactSchema& schema, Diagnostics& diags,
                                           const Location& where);

private:
    std::string source_;
    std::shared_ptr<const Expr> ast_;
    std::vector<FactSlot> keys_;
    std::vector<std::size_t> radix_;
    std::vector<ExerciseSet> table_;
    ExerciseSet empty_;
    friend class SelectorCompiler;
};

// The selector functions, for documentation and "did you mean" hints.
const std::vector<std::string>& selector_function_names();

}  // namespace rehab
