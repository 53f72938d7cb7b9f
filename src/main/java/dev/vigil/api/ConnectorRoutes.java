package dev.vigil.api;

import dev.vigil.connectors.ConfigField;
import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorInput;
import dev.vigil.connectors.ConnectorService;
import dev.vigil.connectors.ConnectorType;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Connector instances over HTTP. Secret values go in and never come out: an instance shows the names of the
 * secrets it has. Creating, changing, deleting and testing take the admin role (a connector holds credentials that
 * act on other systems); reading takes any role.
 */
final class ConnectorRoutes {

    /** A create or update body; on update, omitted secrets keep their values and a secret given as null is removed. */
    record Body(String name, String type, Map<String, Object> config, Map<String, String> secrets, Long version) {
    }

    private final ConnectorService connectors;

    ConnectorRoutes(ConnectorService connectors) {
        this.connectors = connectors;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/connectors", ctx -> ctx.json(Map.of("connectors",
                connectors.list().stream().map(ConnectorRoutes::view).toList())), Access.READ);
        routes.get("/api/connectors/types", ctx -> ctx.json(Map.of("types", types())), Access.READ);
        routes.get("/api/connectors/{id}", ctx -> ctx.json(view(connectors.get(ctx.pathParam("id")))), Access.READ);
        routes.post("/api/connectors", ctx -> {
            Body body = JsonBodies.read(ctx, Body.class, false);
            ctx.status(201).json(view(connectors.create(input(body), ConnectorService.API)));
        }, Access.ADMIN);
        routes.put("/api/connectors/{id}", ctx -> {
            Body body = JsonBodies.read(ctx, Body.class, false);
            ctx.json(view(connectors.update(ctx.pathParam("id"), input(body), ConnectorService.API)));
        }, Access.ADMIN);
        routes.delete("/api/connectors/{id}", ctx -> {
            connectors.delete(ctx.pathParam("id"));
            ctx.status(204);
        }, Access.ADMIN);
        routes.post("/api/connectors/{id}/_test", this::test, Access.ADMIN);
    }

    private void test(Context ctx) {
        ConnectorService.TestResult result = connectors.test(ctx.pathParam("id"));
        ctx.json(Map.of("ok", result.ok(), "message", result.message(), "durationMs", result.millis()));
    }

    private static ConnectorInput input(Body body) {
        return new ConnectorInput(body.name(), body.type(), body.config() == null ? Map.of() : body.config(),
                body.secrets() == null ? Map.of() : body.secrets(), body.version());
    }

    /** What the API shows of an instance: everything but secret values. */
    static Map<String, Object> view(Connector c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("name", c.name());
        out.put("type", c.type());
        out.put("config", c.config());
        out.put("secrets", new TreeSet<>(c.secrets().keySet()));
        out.put("source", c.source());
        out.put("version", c.version());
        out.put("createdAt", c.createdAt().toString());
        out.put("updatedAt", c.updatedAt().toString());
        return out;
    }

    private List<Map<String, Object>> types() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ConnectorType type : connectors.types().all()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", type.id());
            t.put("aliases", new TreeSet<>(type.aliases()));
            t.put("summary", type.summary());
            t.put("subActions", new TreeSet<>(type.subActions()));
            t.put("stepForm", type.acceptsNoSubAction());
            List<Map<String, Object>> fields = new ArrayList<>();
            for (ConfigField f : type.fields()) {
                fields.add(Map.of("name", f.name(), "secret", f.secret(), "required", f.required(),
                        "description", f.description()));
            }
            t.put("fields", fields);
            out.add(t);
        }
        out.sort(java.util.Comparator.comparing(m -> String.valueOf(m.get("id"))));
        return out;
    }
}
