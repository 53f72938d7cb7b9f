package dev.vigil.steps.ai;

import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorLookup;
import dev.vigil.steps.StepFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Connector instances held in a list, found as the store's lookup finds them: by id or name, or a type's default. */
final class MapConnectorLookup implements ConnectorLookup {

    private final List<Connector> connectors = new CopyOnWriteArrayList<>();

    MapConnectorLookup add(String name, String type, Map<String, Object> config, Map<String, String> secrets) {
        Instant now = Instant.now();
        connectors.add(new Connector("id-" + name, name, type, config, secrets, "test", now, now, 1));
        return this;
    }

    @Override
    public Connector find(String idOrName) throws StepFailure {
        return connectors.stream().filter(c -> c.id().equals(idOrName) || c.name().equals(idOrName)).findFirst()
                .orElseThrow(() -> new StepFailure("ConnectorNotFound", "no connector '" + idOrName + "'", null));
    }

    @Override
    public Connector defaultOf(String type) throws StepFailure {
        List<Connector> ofType = connectors.stream().filter(c -> c.type().equals(type)).toList();
        List<Connector> marked = ofType.stream().filter(c -> "true".equals(c.option("default"))).toList();
        if (marked.size() == 1) {
            return marked.getFirst();
        }
        if (ofType.size() == 1) {
            return ofType.getFirst();
        }
        throw new StepFailure("ConnectorNotFound", ofType.isEmpty() ? "no " + type + " connector is configured"
                : "several " + type + " connectors and none is the default", null);
    }
}
