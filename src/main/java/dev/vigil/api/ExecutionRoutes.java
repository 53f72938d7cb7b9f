package dev.vigil.api;

import dev.vigil.engine.Decision;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.RunRequest;
import dev.vigil.engine.StepExecution;
import dev.vigil.model.Workflow;
import dev.vigil.parse.ParseResult;
import dev.vigil.parse.WorkflowParser;
import dev.vigil.queue.Intake;
import dev.vigil.decisions.DecisionEvents;
import dev.vigil.store.DecisionLedger;
import dev.vigil.store.ExecutionPage;
import dev.vigil.store.ExecutionQuery;
import dev.vigil.store.JobStore;
import dev.vigil.store.LogPage;
import dev.vigil.workflows.ActiveWorkflow;
import dev.vigil.workflows.WorkflowManager;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/** One job: its detail with every step, its logs, cancelling it (Kibana's {@code /api/workflows/executions/...}). */
final class ExecutionRoutes {

    private static final String ONE = "/api/workflows/executions/{executionId}";

    record RerunBody(String version) {
    }

    /** Kibana's resume body: the answer under {@code input}. */
    record ResumeBody(Map<String, Object> input) {
    }

    private final JobStore store;
    private final EngineClock clock;
    private final WorkflowManager workflows;
    private final WorkflowParser parser;
    private final Intake intake;
    private final Runnable wakeWorkers;
    private final DecisionLedger ledger;
    private final DecisionEvents events;
    private final java.util.function.Consumer<ExecutionRecord> endedHere;

    ExecutionRoutes(JobStore store, EngineClock clock, WorkflowManager workflows, WorkflowParser parser,
                    Intake intake, Runnable wakeWorkers, DecisionLedger ledger, DecisionEvents events,
                    java.util.function.Consumer<ExecutionRecord> endedHere) {
        this.wakeWorkers = wakeWorkers;
        this.ledger = ledger;
        this.events = events;
        this.endedHere = endedHere;
        this.store = store;
        this.clock = clock;
        this.workflows = workflows;
        this.parser = parser;
        this.intake = intake;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/workflows/workflow/executions", ctx -> list(ctx, null), Access.READ);
        routes.get("/api/workflows/workflow/{workflowId}/executions", ctx -> list(ctx, ctx.pathParam("workflowId")),
                Access.READ);
        routes.get(ONE, this::detail, Access.READ);
        routes.get(ONE + "/logs", this::logs, Access.READ);
        routes.post(ONE + "/cancel", this::cancel, Access.RUN);
        routes.post(ONE + "/rerun", this::rerun, Access.RUN);
        routes.post(ONE + "/resume", this::resume, Access.DECIDE);
    }

    /**
     * Jobs filtered by workflow, status, trigger, owner, test or production and time ranges, sorted and paged;
     * Kibana's parameter names ({@code statuses, executionTypes, executedBy, startedAfter ...}).
     */
    private void list(Context ctx, String workflowId) {
        ExecutionQuery query = ExecutionQuery.all()
                .page(Params.integer(ctx, "page", 1, 1, 1_000_000), Params.integer(ctx, "size", 20, 1, 100))
                .withValues(false);
        if (workflowId != null) {
            query = query.withWorkflowIds(workflowId);
        }
        List<String> statuses = Params.list(ctx, "statuses");
        if (!statuses.isEmpty()) {
            query = query.withStatuses(statuses.stream().map(ExecutionRoutes::status).toArray(ExecutionStatus[]::new));
        }
        List<String> types = Params.list(ctx, "executionTypes");
        if (types.size() == 1) {
            query = query.withTestRun(switch (types.getFirst()) {
                case "test" -> true;
                case "production" -> false;
                default -> throw ApiError.badRequest("executionTypes takes test or production, not '" + types.getFirst()
                        + "'", Map.of("field", "executionTypes"));
            });
        }
        String trigger = ctx.queryParam("triggeredBy");
        if (trigger != null) {
            query = query.withTriggeredBy(trigger);
        }
        List<String> owners = Params.list(ctx, "executedBy");
        if (owners.size() > 1) {
            throw ApiError.badRequest("executedBy takes one owner", Map.of("field", "executedBy"));
        }
        if (owners.size() == 1) {
            query = query.withExecutedBy(owners.getFirst());
        }
        query = query.createdBetween(Params.instant(ctx, "createdAfter"), Params.instant(ctx, "createdBefore"))
                .startedBetween(Params.instant(ctx, "startedAfter"), Params.instant(ctx, "startedBefore"))
                .finishedBetween(Params.instant(ctx, "finishedAfter"), Params.instant(ctx, "finishedBefore"));
        String sortField = ctx.queryParam("sortField") == null ? "createdAt" : ctx.queryParam("sortField");
        ExecutionQuery.Sort sort = switch (sortField) {
            case "createdAt" -> ExecutionQuery.Sort.CREATED_AT;
            case "startedAt" -> ExecutionQuery.Sort.STARTED_AT;
            case "finishedAt" -> ExecutionQuery.Sort.FINISHED_AT;
            case "duration" -> ExecutionQuery.Sort.DURATION;
            default -> throw ApiError.badRequest("sortField takes createdAt, startedAt, finishedAt or duration, not '"
                    + sortField + "'", Map.of("field", "sortField"));
        };
        String order = ctx.queryParam("sortOrder") == null ? "desc" : ctx.queryParam("sortOrder");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw ApiError.badRequest("sortOrder takes asc or desc", Map.of("field", "sortOrder"));
        }
        ExecutionPage page = store.executions(query.sortedBy(sort, order.equals("asc")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("results", page.results().stream().map(e -> ExecutionJson.execution(e, false)).toList());
        body.put("page", page.page());
        body.put("size", page.size());
        body.put("total", page.total());
        ctx.json(body);
    }

    /**
     * Runs a job again with the same inputs and event: on the workflow's current active version (the default), or
     * on the version the job ran ({@code {"version": "original"}}).
     */
    private void rerun(Context ctx) {
        RerunBody body = JsonBodies.read(ctx, RerunBody.class, true);
        ExecutionRecord old = find(ctx);
        String version = body.version() == null ? "current" : body.version();
        Workflow workflow;
        String source;
        switch (version) {
            case "current" -> {
                ActiveWorkflow active = workflows.activeVersion(old.workflowId());
                workflow = active.workflow();
                source = active.source();
            }
            case "original" -> {
                source = store.workflowSource(old.id());
                ParseResult parsed = parser.parse(source);
                if (!parsed.valid()) {
                    throw ApiError.conflict("the version job " + old.id() + " ran is no longer valid for this Vigil",
                            Map.of("problems", WorkflowJson.problems(parsed.problems())));
                }
                workflow = parsed.workflow();
            }
            default -> throw ApiError.badRequest("version takes current or original, not '" + version + "'",
                    Map.of("field", "version"));
        }
        Map<String, Object> metadata = new LinkedHashMap<>(old.metadata() == null ? Map.of() : old.metadata());
        metadata.put("rerunOf", old.id());
        ExecutionRecord accepted = intake.submit(workflow, source, new RunRequest(old.workflowId(), old.inputs(),
                old.event(), old.triggeredBy(), Guard.caller(ctx).actor(), old.testRun(), metadata, null, false, null));
        ctx.json(Map.of("workflowExecutionId", accepted.id(), "rerunOf", old.id(), "version", version));
    }

    /**
     * Answers the step a job waits on ({@code waitForApproval}, {@code waitForInput}, {@code decision}). The first
     * answer wins, on any node: a later one is told who decided, when and (for a decision) what (409), and changes
     * nothing. A decision's answer is checked first (approvers: 403; choice among the options: 400), so a refused
     * answer is never recorded.
     */
    private void resume(Context ctx) {
        ResumeBody body = JsonBodies.read(ctx, ResumeBody.class, false);
        if (body.input() == null) {
            throw ApiError.badRequest("the answer goes under 'input': {\"input\": {...}}", Map.of("field", "input"));
        }
        ExecutionRecord execution = find(ctx);
        List<StepExecution> waiting = store.steps(execution.id()).stream()
                .filter(step -> step.status() == ExecutionStatus.WAITING_FOR_INPUT).toList();
        Caller caller = Guard.caller(ctx);
        String actor = caller.actor();
        Instant now = clock.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // what the store keeps
        Object asked = body.input().get("choice");
        if (waiting.isEmpty()) {
            for (StepExecution step : store.steps(execution.id())) {
                Optional<JobStore.Answer> earlier = store.answerFor(execution.id(), step.path());
                if (earlier.isPresent()) {
                    ApiError refused = alreadyDecided(earlier.get());
                    audit(step, now, "refused", actor, asked, refused.getMessage());
                    throw refused;
                }
            }
            throw ApiError.conflict("job " + execution.id() + " is " + execution.status().wire()
                    + " and waits for no answer", Map.of("status", execution.status().wire()));
        }
        StepExecution step = waiting.getFirst();
        Map<String, Object> payload = body.input();
        try {
            if (step.type().equals("decision")) {
                Optional<JobStore.Answer> earlier = store.answerFor(execution.id(), step.path());
                if (earlier.isPresent()) {
                    throw alreadyDecided(earlier.get());
                }
                payload = DecisionAnswers.check(caller, step, payload, now);
            }
            JobStore.Answer answer = store.answer(execution.id(), step.path(), payload, actor, now);
            if (!answer.respondedBy().equals(actor) || !answer.respondedAt().equals(now)) {
                throw alreadyDecided(answer);
            }
        } catch (ApiError refused) {
            audit(step, now, "refused", actor, asked, refused.getMessage());
            throw refused;
        }
        events.answered(step, actor, payload.get("channel") instanceof String c ? c : Decision.API_CHANNEL,
                DecisionEvents.summary(step, payload), now);
        wakeWorkers.run();
        ctx.json(Map.of("executionId", execution.id(), "success", true, "message", "answer recorded; the job resumes"));
    }

    /** Every answer attempt goes into the decision trail, won or refused, with why. */
    private void audit(StepExecution step, Instant now, String event, String actor, Object choice, String reason) {
        ledger.record(new DecisionLedger.Entry(step.executionId(), step.path(), now, event, actor, Decision.API_CHANNEL,
                choice == null ? null : String.valueOf(choice), reason), step.startedAt(), step.type());
    }

    private static ApiError alreadyDecided(JobStore.Answer answer) {
        Object choice = answer.payload() == null ? null : answer.payload().get("choice");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("respondedBy", answer.respondedBy());
        details.put("respondedAt", answer.respondedAt().toString());
        if (choice != null) {
            details.put("choice", choice);
        }
        return ApiError.conflict("already decided by " + answer.respondedBy() + " at " + answer.respondedAt()
                + (choice == null ? "" : " (choice '" + choice + "')") + "; this answer changes nothing", details);
    }

    private static ExecutionStatus status(String text) {
        try {
            return ExecutionStatus.fromWire(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("unknown status '" + text + "'", Map.of("field", "statuses"));
        }
    }

    private void detail(Context ctx) {
        ExecutionRecord execution = find(ctx);
        boolean values = Params.bool(ctx, "includeOutput", true) || Params.bool(ctx, "includeInput", true);
        ctx.json(ExecutionJson.detail(execution, store.steps(execution.id()), values));
    }

    private void logs(Context ctx) {
        ExecutionRecord execution = find(ctx);
        int page = Params.integer(ctx, "page", 1, 1, Integer.MAX_VALUE);
        int size = Params.integer(ctx, "size", 100, 1, 100);
        String order = ctx.queryParam("sortOrder") == null ? "asc" : ctx.queryParam("sortOrder");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw ApiError.badRequest("sortOrder takes asc or desc", Map.of("field", "sortOrder"));
        }
        LogPage logs = store.logs(execution.id(), ctx.queryParam("stepExecutionId"), page, size, order.equals("asc"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("logs", logs.results().stream().map(ExecutionJson::log).toList());
        body.put("page", logs.page());
        body.put("size", logs.size());
        body.put("total", logs.total());
        ctx.json(body);
    }

    private void cancel(Context ctx) {
        ExecutionRecord execution = find(ctx);
        if (execution.status().terminal()) {
            throw ApiError.conflict("job " + execution.id() + " has already ended (" + execution.status().wire()
                    + "); only a job that has not ended can be cancelled", Map.of("status", execution.status().wire()));
        }
        List<StepExecution> waiting = store.steps(execution.id()).stream()
                .filter(step -> step.status() == ExecutionStatus.WAITING_FOR_INPUT).toList();
        Instant at = clock.now();
        boolean now = store.requestCancel(execution.id(), at);
        if (now) {
            // no worker held it, so no worker's end listeners will hear of it: tell them here
            waiting.forEach(step -> events.cancelled(step, Guard.caller(ctx).actor(), at));
            store.execution(execution.id()).ifPresent(endedHere);
        }
        ctx.json(Map.of("executionId", execution.id(), "cancelled", now, "message", now
                ? "the job is cancelled" : "cancellation requested: the node running the job stops it at its next step"));
    }

    private ExecutionRecord find(Context ctx) {
        String id = ctx.pathParam("executionId");
        return store.execution(id).orElseThrow(() -> ApiError.notFound("no job with id '" + id + "'"));
    }
}
