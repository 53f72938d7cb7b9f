package dev.vigil.condition;

import java.time.Instant;
import java.util.List;

/**
 * A parsed condition: an immutable tree, safe to share between threads and to cache by its text.
 * {@link Object#toString()} prints canonical KQL that parses back to an equal tree.
 */
public sealed interface KqlQuery permits KqlQuery.And, KqlQuery.Or, KqlQuery.Not, KqlQuery.Match,
        KqlQuery.Range, KqlQuery.Exists, KqlQuery.FreeText, KqlQuery.Nested {

    /**
     * Evaluates against {@code root} (the context map, or for {@code data.filter} the {@code {item, index}} map).
     * {@code now} anchors date math. Never throws on any value shape.
     */
    boolean matches(Object root, Instant now);

    /** All terms true; flat (a chain of {@code and}s is one node, so long chains do not deepen the tree). */
    record And(List<KqlQuery> terms) implements KqlQuery {
        public And {
            terms = List.copyOf(terms);
        }

        @Override
        public boolean matches(Object root, Instant now) {
            for (int i = 0; i < terms.size(); i++) {
                if (!terms.get(i).matches(root, now)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return join(terms, " and ");
        }
    }

    /** Any term true; flat like {@link And}. */
    record Or(List<KqlQuery> terms) implements KqlQuery {
        public Or {
            terms = List.copyOf(terms);
        }

        @Override
        public boolean matches(Object root, Instant now) {
            for (int i = 0; i < terms.size(); i++) {
                if (terms.get(i).matches(root, now)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return join(terms, " or ");
        }
    }

    record Not(KqlQuery query) implements KqlQuery {
        @Override
        public boolean matches(Object root, Instant now) {
            return !query.matches(root, now);
        }

        @Override
        public String toString() {
            return "not " + group(query);
        }
    }

    /** {@code field: value}: true when the value at the path, or any of its elements, equals or globs the literal. */
    record Match(Path field, Literal value) implements KqlQuery {
        @Override
        public boolean matches(Object root, Instant now) {
            return Terms.anyMatch(field.resolve(root), value, now);
        }

        @Override
        public String toString() {
            return field + ": " + value;
        }
    }

    /** {@code field < value} and friends, JavaScript comparison after converting the literal to the value's type. */
    record Range(Path field, Operator operator, Literal value) implements KqlQuery {
        public enum Operator {
            LT("<"), LTE("<="), GT(">"), GTE(">=");

            private final String symbol;

            Operator(String symbol) {
                this.symbol = symbol;
            }

            public String symbol() {
                return symbol;
            }

            boolean test(int sign) {
                return switch (this) {
                    case LT -> sign < 0;
                    case LTE -> sign <= 0;
                    case GT -> sign > 0;
                    case GTE -> sign >= 0;
                };
            }
        }

        @Override
        public boolean matches(Object root, Instant now) {
            return Terms.anyInRange(field.resolve(root), this, now);
        }

        @Override
        public String toString() {
            return field + " " + operator.symbol + " " + value;
        }
    }

    /** {@code field:*}: the path leads to something other than null (objects and empty lists included). */
    record Exists(Path field) implements KqlQuery {
        @Override
        public boolean matches(Object root, Instant now) {
            return Terms.exists(field.resolve(root));
        }

        @Override
        public String toString() {
            return field + ":*";
        }
    }

    /** A value without a field ({@code foo}, {@code "foo bar"}): KQL full-text search, which is always false here. */
    record FreeText(Literal value) implements KqlQuery {
        @Override
        public boolean matches(Object root, Instant now) {
            return false;
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    /** {@code field:{…}}, a nested-document query: parsed so the syntax is accepted, always false in memory (§5). */
    record Nested(Path field, KqlQuery query) implements KqlQuery {
        @Override
        public boolean matches(Object root, Instant now) {
            return false;
        }

        @Override
        public String toString() {
            return field + ":{ " + query + " }";
        }
    }

    private static String join(List<KqlQuery> terms, String keyword) {
        StringBuilder sb = new StringBuilder();
        for (KqlQuery term : terms) {
            if (!sb.isEmpty()) {
                sb.append(keyword);
            }
            sb.append(group(term));
        }
        return sb.toString();
    }

    /** Parenthesises and/or inside another node, so printing keeps the tree's shape whatever the precedence. */
    private static String group(KqlQuery q) {
        return q instanceof And || q instanceof Or ? "(" + q + ")" : q.toString();
    }
}
