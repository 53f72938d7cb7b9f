package dev.vigil.template;

import dev.vigil.model.Settings.LiquidLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mutable state of one render: variable scopes (assignments live in the bottom scope, loops push their own),
 * increment counters, cycle positions, and the work budget that keeps hostile templates bounded.
 */
final class RenderState {

    /** Loop iterations allowed per render; generous for real templates, small enough to stop within a second. */
    static final long MIN_ITERATIONS = 100_000;

    final Filters filters;
    private final Map<String, Object> env;
    private final List<Map<String, Object>> scopes = new ArrayList<>(4);
    private Map<String, Object> counters;
    private Map<String, Object> registers;
    private final long memoryLimit;
    private long memoryUsed;
    private final long maxIterations;
    private long iterations;
    private final long deadline;
    final long maxOutput;

    RenderState(Filters filters, Map<String, Object> env, LiquidLimits limits) {
        this.filters = filters;
        this.env = env == null ? Map.of() : env;
        this.scopes.add(new HashMap<>());
        this.memoryLimit = limits.memoryLimit();
        this.maxIterations = Math.max(MIN_ITERATIONS, limits.memoryLimit() / 15);
        this.maxOutput = limits.memoryLimit();
        this.deadline = limits.renderLimitMillis() > 0
                ? System.nanoTime() + limits.renderLimitMillis() * 1_000_000L : Long.MAX_VALUE;
    }

    /** A variable by name: loop and assigned scopes first, then increment counters, then the context. */
    Object lookup(Object key) {
        String k = Props.keyString(JsValues.toValue(key));
        for (int i = scopes.size() - 1; i >= 0; i--) {
            Map<String, Object> scope = scopes.get(i);
            Object v = scope.get(k);
            if (v != null || scope.containsKey(k)) {
                return v;
            }
        }
        if (counters != null && counters.containsKey(k)) {
            return counters.get(k);
        }
        Object v = env.get(k);
        return v != null || env.containsKey(k) ? v : Undefined.INSTANCE;
    }

    void assign(String key, Object value) {
        scopes.getFirst().put(key, value);
    }

    void push(Map<String, Object> scope) {
        scopes.add(scope);
    }

    void pop() {
        scopes.removeLast();
    }

    /** {@code increment} (post) / {@code decrement} (pre) on the counter namespace; returns the value to print. */
    Object count(String name, boolean increment) {
        if (counters == null) {
            counters = new HashMap<>();
        }
        Object current = counters.containsKey(name) ? counters.get(name) : env.get(name);
        double v = current instanceof Number num ? num.doubleValue() : 0;
        double next = increment ? v + 1 : v - 1;
        counters.put(name, JsValues.number(next));
        return JsValues.number(increment ? v : next);
    }

    Map<String, Object> registers() {
        if (registers == null) {
            registers = new HashMap<>();
        }
        return registers;
    }

    void useMemory(long units) {
        memoryUsed += units;
        if (memoryUsed > memoryLimit || units < 0) {
            throw LiquidError.limit("memory limit of " + memoryLimit + " units exceeded");
        }
    }

    void tick() {
        iterations++;
        if (iterations > maxIterations) {
            throw LiquidError.limit("more than " + maxIterations + " loop iterations");
        }
        if ((iterations & 1023) == 0) {
            checkTime();
        }
    }

    void checkTime() {
        if (System.nanoTime() > deadline) {
            throw LiquidError.limit("rendering took longer than the render limit");
        }
    }

    void checkOutput(StringBuilder out) {
        if (out.length() > maxOutput) {
            throw LiquidError.limit("output longer than " + maxOutput + " characters");
        }
    }
}
