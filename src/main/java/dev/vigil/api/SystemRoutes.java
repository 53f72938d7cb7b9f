package dev.vigil.api;

import dev.vigil.engine.ExecutionStatus;
import dev.vigil.model.Json;
import dev.vigil.store.JobStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Health, readiness, metrics and the OpenAPI document. */
final class SystemRoutes {

    private final JobStore store;
    private final ServerMetrics metrics;
    private final String openApiJson;

    SystemRoutes(JobStore store, ServerMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.openApiJson = openApiJson();
    }

    void register(RoutesConfig routes) {
        // liveness: the process answers; no key, no database
        routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")), Access.PUBLIC);
        routes.get("/ready", this::ready, Access.PUBLIC);
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()), Access.READ);
        routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApiJson), Access.READ);
    }

    /** Ready when the store answers a query: a node whose database is gone must leave the load balancer. */
    private void ready(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            store.count(ExecutionStatus.RUNNING);
            body.put("status", "ready");
            ctx.json(body);
        } catch (RuntimeException e) {
            body.put("status", "not ready");
            body.put("reason", "the job store does not answer: " + e.getMessage());
            ctx.status(503).json(body);
        }
    }

    /** The hand-written openapi.yaml (the source of truth, validated by a test) served as JSON. */
    private static String openApiJson() {
        try (InputStream in = SystemRoutes.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the jar");
            }
            Object document = new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            return Json.write(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
