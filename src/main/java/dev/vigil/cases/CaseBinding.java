package dev.vigil.cases;

import dev.vigil.LateBound;

/** The case service, bound once the node's database is open (see {@link LateBound}). */
public final class CaseBinding extends LateBound<CaseService> {

    public CaseBinding() {
        super("no case store is open: the case steps run only in a server");
    }
}
