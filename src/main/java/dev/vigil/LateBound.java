package dev.vigil;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A service bound once it exists. The step registry (and so the parser and the executor) is built before the node
 * opens its database, and services such as the case store and the connectors live on that database: steps get one
 * of these and ask it at run time, and the composition root binds the service right after the database opens.
 */
public class LateBound<T> implements Supplier<T> {

    private final AtomicReference<T> service = new AtomicReference<>();
    private final String unbound;

    /** @param unbound the error when a step asks before (or without) a binding */
    public LateBound(String unbound) {
        this.unbound = unbound;
    }

    public void bind(T value) {
        if (!service.compareAndSet(null, value)) {
            throw new IllegalStateException("bound already: one binding serves one database");
        }
    }

    @Override
    public T get() {
        T value = service.get();
        if (value == null) {
            throw new IllegalStateException(unbound);
        }
        return value;
    }
}
