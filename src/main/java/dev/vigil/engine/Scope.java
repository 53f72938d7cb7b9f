package dev.vigil.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a step runs: the path prefix of its records, the loop/error variables in view, the timeout scopes
 * around it and the thread that runs it (the one a watchdog interrupts).
 *
 * @param inFallback true inside fallback steps, where {@code settings.on-failure} does not apply
 */
record Scope(String prefix, Map<String, Object> vars, List<Deadline> deadlines, Thread thread, boolean inFallback) {

    static Scope root(Thread thread) {
        return new Scope("", Map.of(), List.of(), thread, false);
    }

    Scope under(String path) {
        return new Scope(path + "/", vars, deadlines, thread, inFallback);
    }

    Scope with(String name, Object value) {
        Map<String, Object> copy = new HashMap<>(vars);
        copy.put(name, value);
        return new Scope(prefix, copy, deadlines, thread, inFallback);
    }

    Scope within(Deadline deadline) {
        List<Deadline> copy = new ArrayList<>(deadlines);
        copy.add(deadline);
        return new Scope(prefix, vars, copy, thread, inFallback);
    }

    Scope fallback() {
        return new Scope(prefix, vars, deadlines, thread, true);
    }

    Scope on(Thread other) {
        return new Scope(prefix, vars, deadlines, other, inFallback);
    }
}
