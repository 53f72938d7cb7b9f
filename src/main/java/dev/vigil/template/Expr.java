package dev.vigil.template;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/** An immutable, thread-safe compiled Liquid expression. */
sealed interface Expr {

    Object eval(RenderState st);

    /** A literal: String, Long, Double, Boolean or a {@link Special}. */
    record Literal(Object value) implements Expr {
        @Override
        public Object eval(RenderState st) {
            return value;
        }
    }

    /** {@code base.a[b].c}; without a base the first property names a variable. */
    record Path(Expr base, Expr[] props) implements Expr {
        @Override
        public Object eval(RenderState st) {
            Object current;
            int i = 0;
            if (base == null) {
                current = st.lookup(props[0].eval(st));
                i = 1;
            } else {
                current = base.eval(st);
            }
            for (; i < props.length; i++) {
                current = Props.read(current, props[i].eval(st));
            }
            return current;
        }
    }

    /** {@code (a..b)}: an inclusive range of integers, charged to the memory budget. */
    record Range(Expr low, Expr high) implements Expr {
        @Override
        public Object eval(RenderState st) {
            double lo = JsValues.toDouble(low.eval(st));
            double hi = JsValues.toDouble(high.eval(st));
            if (Double.isNaN(lo) || Double.isNaN(hi) || hi < lo) {
                return List.of();
            }
            long count = (long) Math.floor(hi - lo) + 1;
            st.useMemory(count);
            return new RangeList(lo, (int) count);
        }
    }

    /** Operators and operands in postfix order (LiquidJS: same precedence groups right to left). */
    record Operation(Object[] postfix) implements Expr {
        @Override
        public Object eval(RenderState st) {
            Object[] stack = new Object[postfix.length];
            int sp = 0;
            for (Object token : postfix) {
                if (token instanceof Op op) {
                    Object r = sp > 0 ? stack[--sp] : Undefined.INSTANCE;
                    if (op == Op.NOT) {
                        stack[sp++] = !JsValues.truthy(r);
                    } else {
                        Object l = sp > 0 ? stack[--sp] : Undefined.INSTANCE;
                        stack[sp++] = op.apply(l, r);
                    }
                } else {
                    stack[sp++] = ((Expr) token).eval(st);
                }
            }
            return sp > 0 ? stack[0] : Undefined.INSTANCE;
        }
    }

    /** An expression followed by filters: the content of {@code {{ }}} and of most tag arguments. */
    record Filtered(Expr initial, FilterCall[] filters) implements Expr {
        @Override
        public Object eval(RenderState st) {
            Object value = initial.eval(st);
            for (FilterCall f : filters) {
                value = f.apply(value, st);
            }
            return value;
        }
    }

    /** One filter application with its argument expressions; {@code keys[i]} is non-null for {@code key: value}. */
    record FilterCall(String name, Filter impl, Expr[] args, String[] keys) {
        Object apply(Object input, RenderState st) {
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                Object v = args[i] == null ? Undefined.INSTANCE : args[i].eval(st);
                values[i] = keys[i] == null ? v : new Filter.KeywordArg(keys[i], v);
            }
            return impl.apply(input, values, st);
        }
    }

    enum Op {
        EQ(2), NE(2), GT(2), LT(2), GE(2), LE(2), CONTAINS(2), NOT(1), AND(0), OR(0);

        final int precedence;

        Op(int precedence) {
            this.precedence = precedence;
        }

        Object apply(Object l, Object r) {
            return switch (this) {
                case EQ -> JsValues.equals(l, r);
                case NE -> !JsValues.equals(l, r);
                case GT -> cmp(l, r, c -> c > 0);
                case LT -> cmp(l, r, c -> c < 0);
                case GE -> cmp(l, r, c -> c >= 0);
                case LE -> cmp(l, r, c -> c <= 0);
                case CONTAINS -> JsValues.contains(l, r);
                case AND -> JsValues.truthy(l) && JsValues.truthy(r);
                case OR -> JsValues.truthy(l) || JsValues.truthy(r);
                case NOT -> !JsValues.truthy(r);
            };
        }

        private static boolean cmp(Object l, Object r, java.util.function.IntPredicate test) {
            Integer c = JsValues.compare(JsValues.toValue(l), JsValues.toValue(r));
            return c != null && test.test(c);
        }
    }

    /** A lazy list of consecutive integers, so ranges cost no memory until materialised. */
    final class RangeList extends AbstractList<Object> implements RandomAccess {
        private final double start;
        private final int size;

        RangeList(double start, int size) {
            this.start = start;
            this.size = size;
        }

        @Override
        public Object get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return JsValues.number(start + index);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
