package dev.vigil.api;

import dev.vigil.investigations.Investigation;
import dev.vigil.investigations.InvestigationJson;
import dev.vigil.investigations.InvestigationService;
import dev.vigil.investigations.InvestigationStatus;
import dev.vigil.investigations.InvestigationStore;
import dev.vigil.investigations.Priority;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Investigations over HTTP: list, read with the timeline, comment, and change status, priority or assignee. */
final class InvestigationRoutes {

    private static final int MAX_SIZE = 100;

    record Comment(String comment) {
    }

    record Update(String status, String priority, String assignee) {
    }

    private final InvestigationService investigations;

    InvestigationRoutes(InvestigationService investigations) {
        this.investigations = investigations;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/investigations", this::list, Access.READ);
        routes.get("/api/investigations/{investigationId}", ctx -> ctx.json(withTimeline(id(ctx))), Access.READ);
        routes.post("/api/investigations/{investigationId}/comments", ctx -> {
            Comment body = JsonBodies.read(ctx, Comment.class, false);
            investigations.comment(id(ctx), body.comment(), Guard.caller(ctx).actor());
            ctx.status(201).json(withTimeline(id(ctx)));
        }, Access.RUN);
        routes.patch("/api/investigations/{investigationId}", ctx -> {
            Update body = JsonBodies.read(ctx, Update.class, false);
            investigations.update(id(ctx), body.status() == null ? null : InvestigationStatus.parse(body.status()),
                    body.priority() == null ? null : Priority.parse(body.priority()), body.assignee(),
                    Guard.caller(ctx).actor());
            ctx.json(withTimeline(id(ctx)));
        }, Access.RUN);
    }

    private void list(Context ctx) {
        String status = ctx.queryParam("status");
        InvestigationStore.Page page = investigations.find(
                status == null || status.isBlank() ? null : InvestigationStatus.parse(status),
                Params.integer(ctx, "page", 1, 1, Integer.MAX_VALUE), Params.integer(ctx, "size", 20, 1, MAX_SIZE));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("investigations", page.investigations().stream().map(InvestigationJson::toValue).toList());
        json.put("page", page.page());
        json.put("size", page.size());
        json.put("total", page.total());
        ctx.json(json);
    }

    private Map<String, Object> withTimeline(String id) {
        Investigation investigation = investigations.get(id);
        Map<String, Object> json = InvestigationJson.toValue(investigation);
        json.put("timeline", investigations.timeline(id).stream().map(InvestigationJson::toValue).toList());
        return json;
    }

    private static String id(Context ctx) {
        return ctx.pathParam("investigationId");
    }
}
