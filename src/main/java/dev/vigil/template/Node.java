package dev.vigil.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An immutable node of a parsed template; {@link #render} returns {@link #NORMAL}, {@link #BREAK} or {@link #CONTINUE}. */
sealed interface Node {

    int NORMAL = 0;
    int BREAK = 1;
    int CONTINUE = 2;

    int render(RenderState st, StringBuilder out);

    static int renderAll(Node[] nodes, RenderState st, StringBuilder out) {
        for (Node node : nodes) {
            int signal = node.render(st, out);
            if (signal != NORMAL) {
                return signal;
            }
        }
        return NORMAL;
    }

    record Text(String text) implements Node {
        @Override
        public int render(RenderState st, StringBuilder out) {
            out.append(text);
            st.checkOutput(out);
            return NORMAL;
        }
    }

    /** {@code {{ value }}} and {@code {% echo value %}}. */
    record Output(Expr value) implements Node {
        @Override
        public int render(RenderState st, StringBuilder out) {
            JsValues.appendText(out, value.eval(st));
            st.checkOutput(out);
            return NORMAL;
        }
    }

    record Assign(String key, Expr value) implements Node {
        @Override
        public int render(RenderState st, StringBuilder out) {
            st.assign(key, value.eval(st));
            return NORMAL;
        }
    }

    record Capture(String key, Node[] body) implements Node {
        @Override
        public int render(RenderState st, StringBuilder out) {
            StringBuilder captured = new StringBuilder();
            int signal = renderAll(body, st, captured);
            st.useMemory(captured.length());
            st.assign(key, captured.toString());
            return signal;
        }
    }

    record Branch(Expr condition, Node[] body) {
    }

    /** {@code if} / {@code unless} (the first condition negated) with elsif branches and an else body. */
    record If(Branch[] branches, Node[] otherwise, boolean unless) implements Node {
        @Override
        public int render(RenderState st, StringBuilder out) {
            for (int i = 0; i < branches.length; i++) {
                boolean truthy = JsValues.truthy(branches[i].condition().eval(st));
                if (i == 0 && unless ? !truthy : truthy) {
                    return renderAll(branches[i].body(), st, out);
                }
            }
            return renderAll(otherwise, st, out);
        }
    }

    record When(Expr[] values, Node[] body) {
    }

    record Case(Expr value, When[] whens, Node[] otherwise) implements Node {
        @Override
        public int render(RenderState st, StringBuilder out) {
            Object target = value.eval(st);
            boolean hit = false;
            for (When when : whens) {
                for (Expr candidate : when.values()) {
                    if (JsValues.equals(target, candidate.eval(st))) {
                        hit = true;
                        int signal = renderAll(when.body(), st, out);
                        if (signal != NORMAL) {
                            return signal;
                        }
                        break;
                    }
                }
            }
            return hit ? NORMAL : renderAll(otherwise, st, out);
        }
    }

    /** {@code for var in collection offset: n limit: n reversed} with {@code forloop} and an else body. */
    record For(String variable, Expr collection, String collectionText, Expr offset, Expr limit, boolean reversed,
               Node[] body, Node[] otherwise) implements Node {
        @Override
        public int render(RenderState st, StringBuilder out) {
            List<?> items = enumerable(collection.eval(st));
            if (items.isEmpty()) {
                return renderAll(otherwise, st, out);
            }
            String continueKey = "for:" + variable + ":" + collectionText;
            int start = 0;
            if (offset != null) {
                st.push(Map.of("continue", st.registers().getOrDefault(continueKey, 0L)));
                Object off = offset.eval(st);
                st.pop();
                start = clamp(JsValues.toDouble(off), items.size());
                items = items.subList(start, items.size());
            }
            if (limit != null) {
                items = items.subList(0, clamp(JsValues.toDouble(limit.eval(st)), items.size()));
            }
            if (reversed) {
                items = items.reversed();
            }
            st.registers().put(continueKey, (long) (start + items.size()));
            Map<String, Object> forloop = new LinkedHashMap<>();
            Map<String, Object> scope = new HashMap<>();
            scope.put("forloop", forloop);
            st.push(scope);
            try {
                int n = items.size();
                forloop.put("name", variable + "-" + collectionText);
                forloop.put("length", (long) n);
                for (int i = 0; i < n; i++) {
                    st.tick();
                    scope.put(variable, items.get(i));
                    forloop.put("index", (long) i + 1);
                    forloop.put("index0", (long) i);
                    forloop.put("rindex", (long) (n - i));
                    forloop.put("rindex0", (long) (n - i - 1));
                    forloop.put("first", i == 0);
                    forloop.put("last", i == n - 1);
                    if (renderAll(body, st, out) == BREAK) {
                        break;
                    }
                }
            } finally {
                st.pop();
            }
            return NORMAL;
        }

        private static int clamp(double v, int size) {
            if (Double.isNaN(v) || v < 0) {
                return 0;
            }
            return (int) Math.min(size, Math.floor(v));
        }

        /** LiquidJS toEnumerable: arrays as they are, a non-empty string as one item, objects as [key, value]. */
        static List<?> enumerable(Object value) {
            return switch (JsValues.toValue(value)) {
                case List<?> list -> list;
                case String s when !s.isEmpty() -> List.of(s);
                case Map<?, ?> map -> {
                    List<Object> pairs = new ArrayList<>(map.size());
                    map.forEach((k, v) -> pairs.add(java.util.Arrays.asList(k, v)));
                    yield pairs;
                }
                case null, default -> List.of();
            };
        }
    }

    record Cycle(Expr group, Expr[] candidates, String fingerprint) implements Node {
        @Override
        public int render(RenderState st, StringBuilder out) {
            String key = "cycle:" + (group == null ? "" : JsValues.jsString(group.eval(st))) + ":" + fingerprint;
            Object idx = st.registers().get(key);
            int i = idx instanceof Long l ? l.intValue() : 0;
            st.registers().put(key, (long) ((i + 1) % candidates.length));
            JsValues.appendText(out, candidates[i].eval(st));
            st.checkOutput(out);
            return NORMAL;
        }
    }

    record Counter(String variable, boolean increment) implements Node {
        @Override
        public int render(RenderState st, StringBuilder out) {
            JsValues.appendText(out, st.count(variable, increment));
            return NORMAL;
        }
    }

    record Signal(int signal) implements Node {
        @Override
        public int render(RenderState st, StringBuilder out) {
            return signal;
        }
    }
}
