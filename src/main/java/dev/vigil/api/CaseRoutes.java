package dev.vigil.api;

import dev.vigil.cases.Case;
import dev.vigil.cases.CaseChanges;
import dev.vigil.cases.CaseJson;
import dev.vigil.cases.CasePage;
import dev.vigil.cases.CaseQuery;
import dev.vigil.cases.CaseService;
import dev.vigil.cases.CaseSeverity;
import dev.vigil.cases.CaseStatus;
import dev.vigil.cases.NewCase;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cases over HTTP, the same operations the {@code cases.*} steps have. Every change takes an optional
 * {@code version}: when given and stale, the answer is 409 with {@code details.currentVersion} (mapped in
 * {@link ApiServer}); without it the change applies to the current case.
 */
final class CaseRoutes {

    record Assignee(String uid) {
    }

    record CreateCase(String title, String description, String owner, String severity, List<String> tags,
                      List<Assignee> assignees) {
    }

    record UpdateCase(Integer version, String title, String description, String status, String severity,
                      List<String> tags) {
    }

    record AddComment(Integer version, String comment) {
    }

    record AddAlerts(Integer version, List<Case.Alert> alerts) {
    }

    record AddObservables(Integer version, List<Case.Observable> observables) {
    }

    record Assign(Integer version, List<Assignee> assignees) {
    }

    record AddTags(Integer version, List<String> tags) {
    }

    private final CaseService cases;

    CaseRoutes(CaseService cases) {
        this.cases = cases;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/cases", this::create, Access.RUN);
        routes.get("/api/cases", this::list, Access.READ);
        routes.get("/api/cases/{caseId}", ctx -> ctx.json(CaseJson.toValue(cases.get(ctx.pathParam("caseId")))),
                Access.READ);
        routes.patch("/api/cases/{caseId}", this::update, Access.RUN);
        routes.post("/api/cases/{caseId}/comments", ctx -> {
            AddComment body = JsonBodies.read(ctx, AddComment.class, false);
            answer(ctx, cases.addComment(id(ctx), body.version(), body.comment(), actor(ctx)));
        }, Access.RUN);
        routes.post("/api/cases/{caseId}/alerts", ctx -> {
            AddAlerts body = JsonBodies.read(ctx, AddAlerts.class, false);
            answer(ctx, cases.addAlerts(id(ctx), body.version(), body.alerts(), actor(ctx)));
        }, Access.RUN);
        routes.post("/api/cases/{caseId}/observables", ctx -> {
            AddObservables body = JsonBodies.read(ctx, AddObservables.class, false);
            answer(ctx, cases.addObservables(id(ctx), body.version(), body.observables(), actor(ctx)));
        }, Access.RUN);
        routes.post("/api/cases/{caseId}/assignees", ctx -> {
            Assign body = JsonBodies.read(ctx, Assign.class, false);
            answer(ctx, cases.assign(id(ctx), body.version(), uids(body.assignees()), actor(ctx)));
        }, Access.RUN);
        routes.post("/api/cases/{caseId}/tags", ctx -> {  // adds; PATCH with tags replaces them
            AddTags body = JsonBodies.read(ctx, AddTags.class, false);
            answer(ctx, cases.addTags(id(ctx), body.version(), body.tags(), actor(ctx)));
        }, Access.RUN);
    }

    private void create(Context ctx) {
        CreateCase body = JsonBodies.read(ctx, CreateCase.class, false);
        Case created = cases.create(new NewCase(body.title(), body.description(), body.owner(),
                body.severity() == null ? null : CaseSeverity.parse(body.severity()), body.tags(),
                uids(body.assignees())), actor(ctx));
        ctx.status(201).json(CaseJson.toValue(created));
    }

    private void list(Context ctx) {
        String status = ctx.queryParam("status");
        CasePage page = cases.find(new CaseQuery(status == null || status.isBlank() ? null : CaseStatus.parse(status),
                blankToNull(ctx.queryParam("tag")), blankToNull(ctx.queryParam("alertId")),
                Params.integer(ctx, "page", 1, 1, Integer.MAX_VALUE),
                Params.integer(ctx, "size", 20, 1, CaseQuery.MAX_SIZE)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cases", page.cases().stream().map(CaseJson::toValue).toList());
        json.put("page", page.page());
        json.put("size", page.size());
        json.put("total", page.total());
        ctx.json(json);
    }

    private void update(Context ctx) {
        UpdateCase body = JsonBodies.read(ctx, UpdateCase.class, false);
        answer(ctx, cases.update(id(ctx), body.version(), new CaseChanges(body.title(), body.description(),
                body.status() == null ? null : CaseStatus.parse(body.status()),
                body.severity() == null ? null : CaseSeverity.parse(body.severity()), body.tags()), actor(ctx)));
    }

    private static void answer(Context ctx, Case changed) {
        ctx.json(CaseJson.toValue(changed));
    }

    private static String id(Context ctx) {
        return ctx.pathParam("caseId");
    }

    private static String actor(Context ctx) {
        return Guard.caller(ctx).actor();
    }

    private static List<String> uids(List<Assignee> assignees) {
        return assignees == null ? null : assignees.stream().map(Assignee::uid).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
