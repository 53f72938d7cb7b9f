package dev.vigil.condition;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent KQL parser over a {@link KqlScanner} (KQL's value syntax depends on context, so there is no
 * separate token stream: the parser asks the scanner for what it expects). Grammar, loosest first:
 *
 * <pre>
 *   query     = or
 *   or        = and ("or" and)*
 *   and       = not ("and" not)*
 *   not       = "not" not | primary
 *   primary   = "(" or ")" | field ":" "{" or "}" | field ":" values | field rangeOp value | value
 *   values    = "(" valueOr ")" | value          (valueOr/valueAnd/valueNot mirror or/and/not over values)
 *   value     = "…" | '…' | unquoted text with * wildcards, trimmed, ending before a keyword, ( ) : &lt; &gt; { } "
 * </pre>
 *
 * Keywords are case-insensitive and need a space, '(' or the end after them. Every nesting level (parentheses,
 * {@code not}, braces) counts against {@link #MAX_DEPTH}, which keeps recursion far from the stack limit; each
 * character is scanned at most twice, so hostile input costs linear time.
 */
final class KqlParser {

    static final int MAX_DEPTH = 100;

    private final KqlScanner in;
    private int depth;

    KqlParser(String text) {
        this.in = new KqlScanner(text);
    }

    KqlQuery parse() throws KqlSyntaxException {
        in.skipSpace();
        if (in.atEnd()) {
            throw new KqlSyntaxException("empty condition", 1);
        }
        KqlQuery query = or();
        in.skipSpace();
        if (!in.atEnd()) {
            throw unexpectedAfterTerm();
        }
        return query;
    }

    // ---- conditions ----

    private KqlQuery or() throws KqlSyntaxException {
        List<KqlQuery> terms = new ArrayList<>();
        terms.add(and());
        while (in.keywordAhead("or")) {
            terms.add(afterKeyword("or", this::and));
        }
        return terms.size() == 1 ? terms.getFirst() : new KqlQuery.Or(terms);
    }

    private KqlQuery and() throws KqlSyntaxException {
        List<KqlQuery> terms = new ArrayList<>();
        terms.add(not());
        while (in.keywordAhead("and")) {
            terms.add(afterKeyword("and", this::not));
        }
        return terms.size() == 1 ? terms.getFirst() : new KqlQuery.And(terms);
    }

    private KqlQuery not() throws KqlSyntaxException {
        in.skipSpace();
        if (in.keywordAt(in.pos, "not")) {
            int at = in.pos;
            enter(at);
            KqlQuery inner = afterKeyword("not", this::not);
            depth--;
            return new KqlQuery.Not(inner);
        }
        return primary();
    }

    private interface Rule {
        KqlQuery parse() throws KqlSyntaxException;
    }

    /** Consumes the keyword at {@code in.pos} (after spaces) and parses what must follow it. */
    private KqlQuery afterKeyword(String keyword, Rule rule) throws KqlSyntaxException {
        in.skipSpace();
        in.pos += keyword.length();
        in.skipSpace();
        if (in.atEnd() || in.at(")}")) {
            throw new KqlSyntaxException("expected a condition after '" + keyword + "' at column " + in.column(), in.column());
        }
        return rule.parse();
    }

    private KqlQuery primary() throws KqlSyntaxException {
        in.skipSpace();
        if (in.atEnd()) {
            throw new KqlSyntaxException("expected a condition at column " + in.column(), in.column());
        }
        char c = in.peek();
        if (c == '(') {
            int open = in.pos++;
            enter(open);
            KqlQuery inner = or();
            close(')', open);
            depth--;
            return inner;
        }
        if (c == ')' || c == '}') {
            throw new KqlSyntaxException("unexpected '" + c + "' at column " + in.column() + "; expected a condition",
                    in.column());
        }
        if (in.keywordAt(in.pos, "and") || in.keywordAt(in.pos, "or")) {
            String word = in.word(in.pos);
            throw new KqlSyntaxException("unexpected '" + word + "' at column " + in.column()
                    + "; expected a condition before '" + word + "'", in.column());
        }
        in.rejectOperator(in.pos);
        if (c == '"') {
            int start = in.pos;
            String name = in.quoted('"');
            int end = in.pos;
            in.skipSpace();
            if (in.at(":<>")) {
                return afterField(Path.parse(name, start + 2));
            }
            in.pos = end;
            return new KqlQuery.FreeText(Literal.exact(name));
        }
        int start = in.pos;
        int end = in.fieldEnd(start);
        if (end > start) {
            in.pos = end;
            in.skipSpace();
            if (in.at(":<>")) {
                return afterField(Path.parse(in.s.substring(start, end), start + 1));
            }
            in.rejectOperator(in.pos);
            in.pos = start;
        }
        Literal text = in.value(false);
        if (text == null) {
            throw unexpected("expected a field or '('");
        }
        return new KqlQuery.FreeText(text);
    }

    /** At ':' or a range operator after a field. */
    private KqlQuery afterField(Path field) throws KqlSyntaxException {
        char c = in.peek();
        if (c == ':') {
            in.pos++;
            in.skipSpace();
            in.rejectOperator(in.pos);
            if (in.at("{")) {
                int open = in.pos++;
                enter(open);
                KqlQuery inner = or();
                close('}', open);
                depth--;
                return new KqlQuery.Nested(field, inner);
            }
            return values(field, "':'");
        }
        KqlQuery.Range.Operator operator;
        if (in.s.startsWith("<=", in.pos)) {
            operator = KqlQuery.Range.Operator.LTE;
        } else if (in.s.startsWith(">=", in.pos)) {
            operator = KqlQuery.Range.Operator.GTE;
        } else {
            operator = c == '<' ? KqlQuery.Range.Operator.LT : KqlQuery.Range.Operator.GT;
        }
        in.pos += operator.symbol().length();
        in.skipSpace();
        in.rejectOperator(in.pos);
        Literal value = in.value(true);
        if (value == null) {
            throw expectedValue("'" + operator.symbol() + "'");
        }
        return new KqlQuery.Range(field, operator, value);
    }

    // ---- values after "field:" ----

    private KqlQuery values(Path field, String after) throws KqlSyntaxException {
        in.skipSpace();
        if (in.at("(")) {
            int open = in.pos++;
            enter(open);
            KqlQuery inner = valueOr(field);
            close(')', open);
            depth--;
            return inner;
        }
        // A keyword cannot start a value (KQL rejects `a: not b`); saying so beats matching the text "not b".
        boolean keyword = in.keywordAt(in.pos, "and") || in.keywordAt(in.pos, "or") || in.keywordAt(in.pos, "not");
        Literal value = keyword ? null : in.value(false);
        if (value == null) {
            throw expectedValue(after);
        }
        return value.isBareWildcard() ? new KqlQuery.Exists(field) : new KqlQuery.Match(field, value);
    }

    private KqlQuery valueOr(Path field) throws KqlSyntaxException {
        List<KqlQuery> terms = new ArrayList<>();
        terms.add(valueAnd(field));
        while (in.keywordAhead("or")) {
            terms.add(afterValueKeyword("or", field, this::valueAnd));
        }
        return terms.size() == 1 ? terms.getFirst() : new KqlQuery.Or(terms);
    }

    private KqlQuery valueAnd(Path field) throws KqlSyntaxException {
        List<KqlQuery> terms = new ArrayList<>();
        terms.add(valueNot(field));
        while (in.keywordAhead("and")) {
            terms.add(afterValueKeyword("and", field, this::valueNot));
        }
        return terms.size() == 1 ? terms.getFirst() : new KqlQuery.And(terms);
    }

    private KqlQuery valueNot(Path field) throws KqlSyntaxException {
        in.skipSpace();
        if (in.keywordAt(in.pos, "not")) {
            enter(in.pos);
            KqlQuery inner = afterValueKeyword("not", field, this::valueNot);
            depth--;
            return new KqlQuery.Not(inner);
        }
        if (!in.atEnd() && (in.keywordAt(in.pos, "and") || in.keywordAt(in.pos, "or"))) {
            throw new KqlSyntaxException("unexpected '" + in.word(in.pos) + "' at column " + in.column()
                    + "; expected a value before it", in.column());
        }
        return values(field, "'('");
    }

    private interface ValueRule {
        KqlQuery parse(Path field) throws KqlSyntaxException;
    }

    private KqlQuery afterValueKeyword(String keyword, Path field, ValueRule rule) throws KqlSyntaxException {
        in.skipSpace();
        in.pos += keyword.length();
        in.skipSpace();
        if (in.atEnd() || in.at(")")) {
            throw expectedValue("'" + keyword + "'");
        }
        return rule.parse(field);
    }











    private void enter(int at) throws KqlSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw new KqlSyntaxException("condition nested deeper than " + MAX_DEPTH + " levels at column " + (at + 1)
                    + "; simplify the parentheses or 'not's", at + 1);
        }
    }

    private void close(char closer, int open) throws KqlSyntaxException {
        in.skipSpace();
        if (in.at(String.valueOf(closer))) {
            in.pos++;
            return;
        }
        String opener = closer == ')' ? "(" : "{";
        if (in.atEnd()) {
            throw new KqlSyntaxException("expected '" + closer + "' at column " + in.column() + " to close the '" + opener
                    + "' at column " + (open + 1), in.column());
        }
        throw unexpected("expected 'and', 'or' or '" + closer + "' to close the '" + opener + "' at column "
                + (open + 1));
    }

    private KqlSyntaxException unexpectedAfterTerm() {
        if (in.peek() == ')' || in.peek() == '}') {
            return new KqlSyntaxException("unexpected '" + in.peek() + "' at column " + in.column() + "; there is no '"
                    + (in.peek() == ')' ? '(' : '{') + "' to close", in.column());
        }
        try {
            in.rejectOperator(in.pos);
        } catch (KqlSyntaxException liquid) {
            return liquid;
        }
        String hint = in.peek() == ':' ? "; quote values that contain ':'" : "";
        return unexpected("expected 'and', 'or' or the end of the condition" + hint);
    }

    private KqlSyntaxException unexpected(String expected) {
        return new KqlSyntaxException("unexpected '" + in.word(in.pos) + "' at column " + in.column() + "; " + expected,
                in.column());
    }

    private KqlSyntaxException expectedValue(String after) {
        if (!in.atEnd() && (in.keywordAt(in.pos, "and") || in.keywordAt(in.pos, "or") || in.keywordAt(in.pos, "not"))) {
            return new KqlSyntaxException("expected a value after " + after + " at column " + in.column() + " but found '"
                    + in.word(in.pos) + "'; quote the value if it is the word itself", in.column());
        }
        return new KqlSyntaxException("expected a value after " + after + " at column " + in.column(), in.column());
    }



}
