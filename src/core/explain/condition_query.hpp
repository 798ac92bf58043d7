// Questions asked of a rule's condition AST after evaluation, for explanations: its simple
// comparisons ("fact OP constant"), their truth for a patient, which input measure could change to
// stop a rule firing, and which comparisons of a stage criterion are not met yet.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/explain/constraint.hpp"
#include "core/lang/program.hpp"
#include "core/rules/rule_set.hpp"

namespace rehab::cond {

// "fact OP constant" read from the AST: comparisons, `fact in [..]`, bare boolean facts, `not` of those.
struct Atom {
    FactSlot slot = 0;
    BinOp op = BinOp::eq;  // eq ne lt le gt ge in not_in (booleans: eq with value 0 or 1)
    double value = 0;
    std::uint64_t mask = 0;  // in / not_in
    std::string value_text;
};

std::optional<Atom> atom(const Expr& e, int node, const FactSchema& s);
Atom negate(const Atom& a);
bool holds(const Atom& a, double x);  // the atom for a recorded value x (the program's tolerance)
// The fact of a known(fact) / unknown(fact) call.
std::optional<FactSlot> presence_fact(const Expr& e, int node, const FactSchema& s);
Constraint to_constraint(const FactSchema& s, const Atom& a);
Truth eval(const Atom& a, const FactValues& facts);
// Kleene evaluation of the and/or/not structure over atoms, literals and known()/unknown().
Truth eval(const Expr& e, int node, const FactSchema& s, const FactValues& facts);

// An input measure that can change (not the condition, age, sex, side or a stage someone set).
bool changeable(const FactDef& d);
// A fact that is neither changeable nor derived: a criterion on it that fails means "not for this patient".
bool fixed(const FactDef& d);

std::vector<int> conjuncts(const Expr& e, int node);      // top-level `and` operands (one node if none)
std::vector<int> disjuncts(const Expr& e, int node);      // top-level `or` operands
std::vector<int> boolean_atoms(const Expr& e, int node);  // bare boolean facts under and/or

// For a condition that is true: the constraints (all must hold) on input measures that make it false,
// through and / or / not and known() / unknown() (a constraint on a fact not recorded means recording
// it); the cheapest way (nearest numeric threshold first); empty when none exists. Only the
// comparisons that do not hold yet are returned.
std::vector<Constraint> smallest_change(const Expr& e, const FactSchema& s, const FactValues& facts);

// Every fact the condition under `node` reads, once each, in source order.
std::vector<FactSlot> facts_read(const Expr& e, int node, const FactSchema& s);
// The facts the condition reads as absent (unknown(f), not known(f)) that are indeed not recorded.
std::vector<FactSlot> unrecorded_reads(const Expr& e, int node, const FactSchema& s, const FactValues& facts,
                                       bool negated = false);

// Adds `c` to `all`, keeping only the tighter of two bounds on the same fact in the same direction.
void merge(std::vector<Constraint>& all, const Constraint& c);
// The fact whose constraints cannot hold together, if any.
std::optional<std::string> conflict(const std::vector<Constraint>& all);

// The comparisons of a criterion condition that are not met (empty when a fixed fact rules it out).
std::vector<Atom> unmet(const Expr& e, const FactSchema& s, const FactValues& facts);

}  // namespace rehab::cond
