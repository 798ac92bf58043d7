// Lexer and recursive-descent parser for the rule language. Precedence, loosest first:
// or, and, not, comparison / in, + -, * /, unary minus, primary (number, name, call, list, parens).
// Depth-counted: the parser's own recursion and the depth of the tree it builds stop at max_expr_depth.
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/lang/ast.hpp"

namespace rehab {

namespace {

enum class Tok { end, number, name, lparen, rparen, lbrack, rbrack, comma, op, error };

struct Token {
    Tok kind = Tok::end;
    std::string text;
    double number = 0;
    int column = 1;
};

class Parser {
public:
    Parser(const std::string& text, Expr& out) : src_(text), out_(out) { advance(); }

    bool parse() {
        out_.source = src_;
        out_.root = parse_or();
        if (!failed_ && cur_.kind != Tok::end)
            fail("unexpected '" + cur_.text + "' after the end of the expression");
        return !failed_;
    }
    std::string error_;
    int error_column_ = 0;
    bool over_limit_ = false;  // the error is RL018 (too deep), not a syntax error

private:
    const std::string& src_;
    Expr& out_;
    std::size_t pos_ = 0;
    Token cur_;
    bool failed_ = false;
    int level_ = 0;           // current recursion: parentheses, items, not, unary minus
    std::vector<int> depth_;  // per node: the depth of its subtree

    // One level of the parser's recursion, for its lifetime; over the limit the parse fails.
    class Nest {
    public:
        explicit Nest(Parser& p) : p_(p) {
            if (++p_.level_ > max_expr_depth) p_.too_deep(p_.cur_.column);
        }
        ~Nest() { --p_.level_; }
        Nest(const Nest&) = delete;
        Nest& operator=(const Nest&) = delete;

    private:
        Parser& p_;
    };

    void fail_at(int column, const std::string& msg) {
        if (failed_) return;
        failed_ = true;
        error_ = msg;
        error_column_ = column;
    }
    void fail(const std::string& msg) { fail_at(cur_.column, msg); }
    void too_deep(int column) {
        if (failed_) return;
        fail_at(column, "expression is nested more than " + std::to_string(max_expr_depth) +
                            " levels deep (each operand of a chain of and, or, + ... counts as a level)");
        over_limit_ = true;
    }

    void advance() {
        while (pos_ < src_.size() && std::isspace(static_cast<unsigned char>(src_[pos_]))) ++pos_;
        cur_ = Token{};
        cur_.column = static_cast<int>(pos_) + 1;
        if (pos_ >= src_.size()) return;
        char c = src_[pos_];
        if (std::isdigit(static_cast<unsigned char>(c)) ||
            (c == '.' && pos_ + 1 < src_.size() &&
             std::isdigit(static_cast<unsigned char>(src_[pos_ + 1])))) {
            char* end = nullptr;
            cur_.number = std::strtod(src_.c_str() + pos_, &end);
            std::size_t n = static_cast<std::size_t>(end - (src_.c_str() + pos_));
            cur_.kind = Tok::number;
            cur_.text = src_.substr(pos_, n);
            pos_ += n;
            return;
        }
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            std::size_t start = pos_;
            while (pos_ < src_.size() && (std::isalnum(static_cast<unsigned char>(src_[pos_])) ||
                                          src_[pos_] == '_' || src_[pos_] == '.' || src_[pos_] == '-'))
                ++pos_;
            // A '-' inside a name is only allowed in reference-like ids (R-HOLMICH1999); trim a trailing one.
            while (pos_ > start && (src_[pos_ - 1] == '.' || src_[pos_ - 1] == '-')) --pos_;
            cur_.kind = Tok::name;
            cur_.text = src_.substr(start, pos_ - start);
            return;
        }
        static const char* two[] = {"==", "!=", "<=", ">=", "&&", "||"};
        for (const char* t : two)
            if (src_.compare(pos_, 2, t) == 0) {
                cur_.kind = Tok::op;
                cur_.text = t;
                pos_ += 2;
                return;
            }
        ++pos_;
        cur_.text = std::string(1, c);
        switch (c) {
            case '(':
                cur_.kind = Tok::lparen;
                return;
            case ')':
                cur_.kind = Tok::rparen;
                return;
            case '[':
                cur_.kind = Tok::lbrack;
                return;
            case ']':
                cur_.kind = Tok::rbrack;
                return;
            case ',':
                cur_.kind = Tok::comma;
                return;
            case '<':
            case '>':
            case '+':
            case '-':
            case '*':
            case '/':
            case '=':
            case '!':
                cur_.kind = Tok::op;
                if (c == '=') cur_.text = "==";
                return;
            default:
                cur_.kind = Tok::error;
                return;
        }
    }

    bool is_word(const char* w) const { return cur_.kind == Tok::name && cur_.text == w; }
    bool is_op(const char* o) const { return cur_.kind == Tok::op && cur_.text == o; }

    int add(ExprNode n) {
        int depth = 1;
        for (int c : n.children) depth = std::max(depth, depth_[static_cast<std::size_t>(c)] + 1);
        if (depth > max_expr_depth) too_deep(n.column);
        depth_.push_back(depth);
        out_.nodes.push_back(std::move(n));
        return static_cast<int>(out_.nodes.size() - 1);
    }
    int binary(BinOp op, int l, int r, int column) {
        ExprNode n;
        n.kind = ExprKind::binary;
        n.op = op;
        n.children = {l, r};
        n.column = column;
        return add(std::move(n));
    }

    int parse_or() {
        Nest nest(*this);
        if (failed_) return add(ExprNode{});
        int l = parse_and();
        while (!failed_ && (is_word("or") || is_op("||"))) {
            int col = cur_.column;
            advance();
            l = binary(BinOp::op_or, l, parse_and(), col);
        }
        return l;
    }
    int parse_and() {
        int l = parse_not();
        while (!failed_ && (is_word("and") || is_op("&&"))) {
            int col = cur_.column;
            advance();
            l = binary(BinOp::op_and, l, parse_not(), col);
        }
        return l;
    }
    int parse_not() {
        if (is_word("not") || is_op("!")) {
            ExprNode n;
            n.kind = ExprKind::op_not;
            n.column = cur_.column;
            Nest nest(*this);
            if (failed_) return add(std::move(n));
            advance();
            n.children = {parse_not()};
            return add(std::move(n));
        }
        return parse_cmp();
    }
    int parse_cmp() {
        int l = parse_sum();
        if (failed_) return l;
        static const std::pair<const char*, BinOp> ops[] = {{"==", BinOp::eq}, {"!=", BinOp::ne},
                                                            {"<=", BinOp::le}, {">=", BinOp::ge},
                                                            {"<", BinOp::lt},  {">", BinOp::gt}};
        for (auto [t, op] : ops)
            if (is_op(t)) {
                int col = cur_.column;
                advance();
                return binary(op, l, parse_sum(), col);
            }
        if (is_word("in")) {
            int col = cur_.column;
            advance();
            return binary(BinOp::in, l, parse_sum(), col);
        }
        if (is_word("not")) {  // "x not in [..]"
            int col = cur_.column;
            advance();
            if (!is_word("in")) {
                fail("expected 'in' after 'not'");
                return l;
            }
            advance();
            return binary(BinOp::not_in, l, parse_sum(), col);
        }
        return l;
    }
    int parse_sum() {
        int l = parse_prod();
        while (!failed_ && (is_op("+") || is_op("-"))) {
            BinOp op = cur_.text == "+" ? BinOp::add : BinOp::sub;
            int col = cur_.column;
            advance();
            l = binary(op, l, parse_prod(), col);
        }
        return l;
    }
    int parse_prod() {
        int l = parse_unary();
        while (!failed_ && (is_op("*") || is_op("/"))) {
            BinOp op = cur_.text == "*" ? BinOp::mul : BinOp::div;
            int col = cur_.column;
            advance();
            l = binary(op, l, parse_unary(), col);
        }
        return l;
    }
    int parse_unary() {
        if (is_op("-")) {
            ExprNode n;
            n.kind = ExprKind::op_neg;
            n.column = cur_.column;
            Nest nest(*this);
            if (failed_) return add(std::move(n));
            advance();
            n.children = {parse_unary()};
            return add(std::move(n));
        }
        return parse_primary();
    }
    int parse_items(Tok close, ExprNode n) {
        advance();
        if (cur_.kind != close) {
            for (;;) {
                n.children.push_back(parse_or());
                if (failed_) return add(std::move(n));
                if (cur_.kind == Tok::comma) {
                    advance();
                    continue;
                }
                break;
            }
        }
        if (cur_.kind != close) {
            fail(std::string("expected '") + (close == Tok::rparen ? ")" : "]") + "' but found " +
                 describe());
            return add(std::move(n));
        }
        advance();
        return add(std::move(n));
    }
    std::string describe() const {
        if (cur_.kind == Tok::end) return "the end of the expression";
        return "'" + cur_.text + "'";
    }
    int parse_primary() {
        ExprNode n;
        n.column = cur_.column;
        switch (cur_.kind) {
            case Tok::number:
                n.kind = ExprKind::number;
                n.number = cur_.number;
                n.text = cur_.text;
                advance();
                return add(std::move(n));
            case Tok::name: {
                static const char* reserved[] = {"and", "or", "not", "in"};
                for (const char* r : reserved)
                    if (cur_.text == r) {
                        fail("expected a value but found the keyword '" + cur_.text + "'");
                        return add(std::move(n));
                    }
                if (cur_.text == "true" || cur_.text == "false") {
                    n.kind = ExprKind::boolean;
                    n.number = cur_.text == "true" ? 1 : 0;
                    n.text = cur_.text;
                    advance();
                    return add(std::move(n));
                }
                n.text = cur_.text;
                advance();
                if (cur_.kind == Tok::lparen) {
                    n.kind = ExprKind::call;
                    return parse_items(Tok::rparen, std::move(n));
                }
                n.kind = ExprKind::name;
                return add(std::move(n));
            }
            case Tok::lparen: {
                advance();
                int inner = parse_or();
                if (!failed_ && cur_.kind != Tok::rparen) fail("expected ')' but found " + describe());
                if (!failed_) advance();
                return inner;
            }
            case Tok::lbrack:
                n.kind = ExprKind::list;
                return parse_items(Tok::rbrack, std::move(n));
            default:
                fail("expected a value (a number, a name, '(' or '[') but found " + describe());
                return add(std::move(n));
        }
    }
};

}  // namespace

bool parse_expr(const std::string& text, Expr& out, Diagnostics& diags, const Location& where) {
    out = Expr{};
    static const char* split = "split it into several rules, or name a part as a derived fact";
    if (text.size() > max_expr_length) {
        diags.error("RL018", where.at_column(static_cast<int>(max_expr_length) + 1),
                    "expression is " + std::to_string(text.size()) +
                        " characters long, more than the limit of " + std::to_string(max_expr_length),
                    split);
        return false;
    }
    Parser p(text, out);
    if (p.parse()) return true;
    if (p.over_limit_)
        diags.error("RL018", where.at_column(p.error_column_), p.error_, split);
    else
        diags.error("RL001", where.at_column(p.error_column_),
                    "syntax error in \"" + text + "\": " + p.error_);
    return false;
}

}  // namespace rehab
