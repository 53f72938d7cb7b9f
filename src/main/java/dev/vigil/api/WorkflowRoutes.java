package dev.vigil.api;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.InputDefaults;
import dev.vigil.engine.RunRequest;
import dev.vigil.model.Workflow;
import dev.vigil.parse.ParseResult;
import dev.vigil.parse.WorkflowParser;
import dev.vigil.queue.Intake;
import dev.vigil.workflows.ActiveWorkflow;
import dev.vigil.workflows.ExportedWorkflow;
import dev.vigil.workflows.WorkflowException;
import dev.vigil.workflows.WorkflowManager;
import dev.vigil.workflows.WorkflowPage;
import dev.vigil.workflows.WorkflowQuery;
import dev.vigil.workflows.WorkflowState;
import dev.vigil.workflows.WorkflowView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workflows: Kibana's API (WORKFLOW_FORMAT.md §7) so that import scripts written for Kibana work unchanged, and the
 * lifecycle Kibana does not have (drafts, activation, versions, diffs, rollback). Kibana's {@code enabled} is the
 * lifecycle's ACTIVE: enabling activates the draft (or reactivates), disabling deactivates.
 */
final class WorkflowRoutes {

    private static final String ONE = "/api/workflows/workflow/{id}";

    record CreateBody(String yaml, String id) {
    }

    /** {@code POST /api/workflows}: Kibana's bulk create, and the single {@code {yaml}} its import scripts send. */
    record PostWorkflows(String yaml, String id, List<CreateBody> workflows) {
    }

    record UpdateBody(String yaml, Boolean enabled, String name, String description, List<String> tags) {
    }

    record IdsBody(List<String> ids) {
    }

    record YamlBody(String yaml) {
    }

    record RunBody(Map<String, Object> inputs, Map<String, Object> metadata) {
    }

    record TestBody(Map<String, Object> inputs, String workflowId, String workflowYaml) {
    }

    private final WorkflowManager manager;
    private final WorkflowParser parser;
    private final Intake intake;

    WorkflowRoutes(WorkflowManager manager, WorkflowParser parser, Intake intake) {
        this.manager = manager;
        this.parser = parser;
        this.intake = intake;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/workflows", this::list, Access.READ);
        routes.post("/api/workflows", this::createOneOrMany, Access.WRITE_WORKFLOWS);
        routes.delete("/api/workflows", this::deleteMany, Access.WRITE_WORKFLOWS);
        routes.post("/api/workflows/export", this::export, Access.READ);
        routes.post("/api/workflows/test", this::testRun, Access.RUN);
        routes.post("/api/workflows/workflow", this::create, Access.WRITE_WORKFLOWS);
        routes.get(ONE, this::detail, Access.READ);
        routes.put(ONE, this::update, Access.WRITE_WORKFLOWS);
        routes.delete(ONE, this::delete, Access.WRITE_WORKFLOWS);
        routes.post(ONE + "/clone", ctx -> created(ctx, manager.clone(id(ctx), actor(ctx))), Access.WRITE_WORKFLOWS);
        routes.post(ONE + "/run", this::run, Access.RUN);
        routes.post(ONE + "/draft", ctx -> ctx.json(detail(manager.createDraft(id(ctx), actor(ctx)))),
                Access.WRITE_WORKFLOWS);
        routes.put(ONE + "/draft", ctx -> ctx.json(detail(manager.editDraft(id(ctx),
                required(JsonBodies.read(ctx, YamlBody.class, false).yaml(), "yaml"), actor(ctx)))), Access.WRITE_WORKFLOWS);
        routes.delete(ONE + "/draft", ctx -> ctx.json(detail(manager.discardDraft(id(ctx), actor(ctx)))),
                Access.WRITE_WORKFLOWS);
        routes.post(ONE + "/activate", ctx -> ctx.json(detail(manager.activate(id(ctx), actor(ctx)))),
                Access.WRITE_WORKFLOWS);
        routes.post(ONE + "/deactivate", ctx -> ctx.json(detail(manager.deactivate(id(ctx), actor(ctx)))),
                Access.WRITE_WORKFLOWS);
        routes.post(ONE + "/reactivate", ctx -> ctx.json(detail(manager.reactivate(id(ctx), actor(ctx)))),
                Access.WRITE_WORKFLOWS);
        routes.get(ONE + "/versions", ctx -> ctx.json(Map.of("versions", manager.versions(id(ctx)).stream()
                .map(v -> WorkflowJson.version(v, false)).toList())), Access.READ);
        routes.get(ONE + "/versions/{version}", ctx -> ctx.json(WorkflowJson.version(
                manager.version(id(ctx), number(ctx, "version")), true)), Access.READ);
        routes.post(ONE + "/versions/{version}/draft", ctx -> ctx.json(detail(manager.draftFromVersion(id(ctx),
                number(ctx, "version"), actor(ctx)))), Access.WRITE_WORKFLOWS);
        routes.get(ONE + "/diff", this::diff, Access.READ);
    }

    // ---- Kibana's API ----

    private void list(Context ctx) {
        int page = Params.integer(ctx, "page", 1, 1, 1_000_000);
        int size = Params.integer(ctx, "size", 20, 1, 1000);
        WorkflowState state = switch (ctx.queryParam("enabled") == null ? "" : ctx.queryParam("enabled")) {
            case "" -> state(ctx.queryParam("state"));
            case "true" -> WorkflowState.ACTIVE;
            case "false" -> throw ApiError.badRequest("enabled=false is ambiguous here: ask for state=draft or "
                    + "state=inactive", Map.of("field", "enabled"));
            default -> throw ApiError.badRequest("query parameter 'enabled' must be true or false",
                    Map.of("field", "enabled"));
        };
        WorkflowQuery.Sort sort = switch (ctx.queryParam("sortField") == null ? "name" : ctx.queryParam("sortField")) {
            case "name" -> WorkflowQuery.Sort.NAME;
            case "enabled", "state" -> WorkflowQuery.Sort.STATE;
            default -> throw ApiError.badRequest("sortField must be name or enabled", Map.of("field", "sortField"));
        };
        WorkflowPage<WorkflowView> found = manager.list(new WorkflowQuery(ctx.queryParam("query"), state,
                ctx.queryParams("tags"), page - 1, size, sort));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", page);
        body.put("size", size);
        body.put("total", found.total());
        body.put("results", found.items().stream().map(WorkflowJson::summary).toList());
        ctx.json(body);
    }

    private void create(Context ctx) {
        CreateBody body = JsonBodies.read(ctx, CreateBody.class, false);
        created(ctx, createOne(body.yaml(), body.id(), actor(ctx)));
    }

    private void createOneOrMany(Context ctx) {
        PostWorkflows body = JsonBodies.read(ctx, PostWorkflows.class, false);
        if ((body.yaml() == null) == (body.workflows() == null)) {
            throw ApiError.badRequest("send either {\"yaml\": ...} for one workflow or {\"workflows\": [{\"yaml\": "
                    + "...}]} for several");
        }
        if (body.yaml() != null) {
            created(ctx, createOne(body.yaml(), body.id(), actor(ctx)));
            return;
        }
        if (body.workflows().size() > 500) {
            throw ApiError.badRequest("at most 500 workflows per request, not " + body.workflows().size());
        }
        List<Map<String, Object>> created = new ArrayList<>();
        List<Map<String, Object>> failures = new ArrayList<>();
        for (int i = 0; i < body.workflows().size(); i++) {
            CreateBody one = body.workflows().get(i);
            try {
                WorkflowView view = createOne(one == null ? null : one.yaml(), one == null ? null : one.id(), actor(ctx));
                created.add(Map.of("id", view.id(), "name", view.name()));
            } catch (WorkflowException | ApiError | IllegalArgumentException e) {
                failures.add(Map.of("index", i, "error", e.getMessage()));
            }
        }
        ctx.json(Map.of("created", created, "failures", failures, "total", body.workflows().size()));
    }

    /** Creates a workflow; a YAML that says {@code enabled: true} and is valid is activated, as Kibana enables it. */
    private WorkflowView createOne(String yaml, String id, String actor) {
        WorkflowView view = manager.create(required(yaml, "yaml"), id, actor);
        if (view.valid() && Boolean.TRUE.equals(yamlEnabled(yaml))) {
            view = manager.activate(view.id(), actor);
        }
        return view;
    }

    private void update(Context ctx) {
        UpdateBody body = JsonBodies.read(ctx, UpdateBody.class, false);
        if (body.name() != null || body.description() != null || body.tags() != null) {
            throw ApiError.badRequest("name, description and tags come from the workflow's YAML: send the edited "
                    + "yaml instead");
        }
        String id = id(ctx);
        WorkflowView view = manager.get(id);
        if (body.yaml() != null) {
            view = manager.editDraft(id, body.yaml(), actor(ctx));
        }
        if (Boolean.TRUE.equals(body.enabled())) {
            view = view.draft() != null ? manager.activate(id, actor(ctx))
                    : view.state() == WorkflowState.INACTIVE ? manager.reactivate(id, actor(ctx)) : view;
        } else if (Boolean.FALSE.equals(body.enabled()) && view.state() == WorkflowState.ACTIVE) {
            view = manager.deactivate(id, actor(ctx));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", view.id());
        json.put("lastUpdatedAt", view.updatedAt() == null ? null : view.updatedAt().toString());
        json.put("lastUpdatedBy", view.updatedBy());
        json.put("enabled", view.enabled());
        json.put("state", view.state().name().toLowerCase());
        json.put("valid", view.valid());
        json.put("validationErrors", WorkflowJson.messages(view.problems()));
        ctx.json(json);
    }

    private void delete(Context ctx) {
        manager.delete(id(ctx), Params.bool(ctx, "force", false), actor(ctx));
        ctx.json(Map.of("id", id(ctx), "deleted", true));
    }

    private void deleteMany(Context ctx) {
        IdsBody body = JsonBodies.read(ctx, IdsBody.class, false);
        List<String> ids = required(body.ids(), "ids");
        boolean force = Params.bool(ctx, "force", false);
        int deleted = 0;
        List<Map<String, Object>> failures = new ArrayList<>();
        for (String id : ids) {
            try {
                manager.delete(id, force, actor(ctx));
                deleted++;
            } catch (WorkflowException e) {
                failures.add(Map.of("id", String.valueOf(id), "error", e.getMessage()));
            }
        }
        ctx.json(Map.of("deleted", deleted, "failures", failures, "total", ids.size()));
    }

    private void export(Context ctx) {
        IdsBody body = JsonBodies.read(ctx, IdsBody.class, false);
        List<ExportedWorkflow> entries = manager.export(required(body.ids(), "ids"));
        ctx.json(Map.of("entries", entries.stream().map(e -> Map.of("id", e.id(), "yaml", e.yaml())).toList(),
                "manifest", Map.of("exportedAt", Instant.now().toString(), "exportedCount", entries.size(),
                        "version", "1")));
    }

    private void detail(Context ctx) {
        ctx.json(detail(manager.get(id(ctx))));
    }

    private Map<String, Object> detail(WorkflowView view) {
        String active = view.activeVersion() == null ? null : manager.version(view.id(), view.activeVersion()).source();
        return WorkflowJson.detail(view, active);
    }

    private void diff(Context ctx) {
        int from = Params.integer(ctx, "from", 0, 1, Integer.MAX_VALUE);
        int to = Params.integer(ctx, "to", 0, 1, Integer.MAX_VALUE);
        if (from == 0 || to == 0) {
            throw ApiError.badRequest("diff needs the query parameters from and to (version numbers)");
        }
        ctx.json(Map.of("from", from, "to", to, "diff", manager.diff(id(ctx), from, to)));
    }

    // ---- runs ----

    private void run(Context ctx) {
        RunBody body = JsonBodies.read(ctx, RunBody.class, true);
        String id = id(ctx);
        WorkflowView view = manager.get(id);
        if (view.state() != WorkflowState.ACTIVE) {
            throw ApiError.conflict("workflow '" + id + "' is " + view.state().name().toLowerCase()
                    + ": only an active workflow runs (activate it first, or use a test run)",
                    Map.of("state", view.state().name().toLowerCase(), "action", "run"));
        }
        ActiveWorkflow active = manager.activeVersion(id);
        Map<String, Object> inputs = checkedInputs(active.workflow(), body.inputs());
        ExecutionRecord accepted = intake.submit(active.workflow(), active.source(), new RunRequest(id, inputs, null,
                "manual", actor(ctx), false, body.metadata(), null, false, null));
        ctx.status(200).json(Map.of("workflowExecutionId", accepted.id()));
    }

    private void testRun(Context ctx) {
        TestBody body = JsonBodies.read(ctx, TestBody.class, false);
        if ((body.workflowId() == null) == (body.workflowYaml() == null)) {
            throw ApiError.badRequest("a test run needs either workflowId or workflowYaml");
        }
        Workflow workflow;
        String source;
        String id;
        if (body.workflowYaml() != null) {
            ParseResult parsed = parser.parse(body.workflowYaml());
            if (!parsed.valid()) {
                throw new ApiError(400, "invalid_workflow", "the workflow is not valid", Map.of("problems",
                        WorkflowJson.problems(parsed.problems())));
            }
            workflow = parsed.workflow();
            source = body.workflowYaml();
            id = "test-" + workflow.name();
        } else {
            WorkflowView view = manager.get(body.workflowId());
            String yaml = view.draft() != null ? view.draft().source()
                    : manager.version(view.id(), view.activeVersion()).source();
            ParseResult parsed = parser.parse(yaml);
            if (!parsed.valid()) {
                throw new ApiError(400, "invalid_workflow", "workflow '" + view.id() + "' is not valid",
                        Map.of("problems", WorkflowJson.problems(parsed.problems())));
            }
            workflow = parsed.workflow();
            source = yaml;
            id = view.id();
        }
        Map<String, Object> inputs = checkedInputs(workflow, body.inputs());
        ExecutionRecord accepted = intake.submit(workflow, source, new RunRequest(id, inputs, null, "manual",
                actor(ctx), true, null, null, false, null));
        ctx.json(Map.of("workflowExecutionId", accepted.id()));
    }

    /** Inputs checked against the workflow's input schema before anything is stored: a clear 400, not a failed job. */
    static Map<String, Object> checkedInputs(Workflow workflow, Map<String, Object> given) {
        InputDefaults.Filled filled = InputDefaults.fill(workflow.inputs(), given == null ? Map.of() : given);
        if (!filled.problems().isEmpty()) {
            throw new ApiError(400, "invalid_inputs", "the inputs do not match the workflow's input schema: "
                    + String.join("; ", filled.problems()), Map.of("problems", filled.problems()));
        }
        return given == null ? Map.of() : given;
    }

    // ---- helpers ----

    private void created(Context ctx, WorkflowView view) {
        ctx.status(200).json(detail(view));
    }

    private static String id(Context ctx) {
        return ctx.pathParam("id");
    }

    private static String actor(Context ctx) {
        return Guard.caller(ctx).actor();
    }

    private static int number(Context ctx, String name) {
        String text = ctx.pathParam(name);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("'" + text + "' is not a version number", Map.of("field", name));
        }
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw ApiError.badRequest("field '" + field + "' is required", Map.of("field", field));
        }
        return value;
    }

    private static WorkflowState state(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return WorkflowState.valueOf(text.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("state must be draft, active or inactive, not '" + text + "'",
                    Map.of("field", "state"));
        }
    }

    private static Object yamlEnabled(String yaml) {
        try {
            Object doc = new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder()
                    .build()).loadFromString(yaml);
            return doc instanceof Map<?, ?> map ? map.get("enabled") : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
