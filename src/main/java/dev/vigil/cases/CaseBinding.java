package dev.vigil.cases;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The case service, bound once it exists. The step registry (and so the parser and the executor) is built before
 * the node opens its database, and the case store lives on that database: the {@code cases.*} steps get this and
 * ask it at run time, and the composition root binds the service right after the database opens.
 */
public final class CaseBinding implements Supplier<CaseService> {

    private final AtomicReference<CaseService> service = new AtomicReference<>();

    public void bind(CaseService cases) {
        if (!service.compareAndSet(null, cases)) {
            throw new IllegalStateException("the case service is bound already: one binding serves one database");
        }
    }

    @Override
    public CaseService get() {
        CaseService cases = service.get();
        if (cases == null) {
            throw new IllegalStateException("no case store is open: the case steps run only in a server");
        }
        return cases;
    }
}
