package dev.vigil.connectors;

import dev.vigil.LateBound;

/** The connector service, bound once the node's database is open (see {@link LateBound}). */
public final class ConnectorBinding extends LateBound<ConnectorService> {

    public ConnectorBinding() {
        super("no connector store is open: connector steps run only in a server");
    }
}
