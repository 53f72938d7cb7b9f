package dev.vigil.api;

import dev.vigil.engine.Decision;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.StepExecution;
import dev.vigil.decisions.DecisionEvents;
import dev.vigil.decisions.DecisionLinks;
import dev.vigil.store.DecisionLedger;
import dev.vigil.store.ExecutionQuery;
import dev.vigil.store.JobStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decisions beyond {@code resume}: one-click signed links for chat and e-mail, the inbox of pending decisions a
 * caller may answer (and its count for a banner), and each job's audit trail of decision answers.
 */
final class DecisionRoutes {

    static final String LINK = DecisionLinks.PATH;
    private static final String EXECUTION = "/api/workflows/executions/{executionId}";
    private static final List<String> WAITING_TYPES = List.of("decision", "waitForApproval", "waitForInput");
    private static final int DEFAULT_PAGE = 20;

    private final JobStore store;
    private final EngineClock clock;
    private final DecisionLedger ledger;
    private final DecisionEvents events;
    private final DecisionLinks links;
    private final Runnable wakeWorkers;

    DecisionRoutes(JobStore store, EngineClock clock, DecisionLedger ledger, DecisionEvents events, DecisionLinks links,
                   Runnable wakeWorkers) {
        this.store = store;
        this.clock = clock;
        this.ledger = ledger;
        this.events = events;
        this.links = links;
        this.wakeWorkers = wakeWorkers;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/decisions/inbox", this::inbox, Access.DECIDE);
        routes.get("/api/decisions/count", ctx -> ctx.json(Map.of("pending", pending(Guard.caller(ctx)).size())),
                Access.DECIDE);
        // A GET must change nothing: mail scanners and chat previews fetch links before a person clicks. So a GET
        // only shows what the link would do, with a button that POSTs to the same URL; the POST answers.
        routes.get(LINK, ctx -> link(ctx, false), Access.SIGNED);
        routes.post(LINK, ctx -> link(ctx, true), Access.SIGNED);
        routes.post(EXECUTION + "/decision-links", this::issue, Access.DECIDE);
        routes.get(EXECUTION + "/decisions/audit", this::audit, Access.READ);
    }

    /**
     * {@code GET /api/decisions/inbox?page=&size=}: the waiting decisions the caller may answer, oldest first
     * (the one closest to being forgotten leads), with {@code total} for paging.
     */
    private void inbox(Context ctx) {
        int page = Params.integer(ctx, "page", 1, 1, Integer.MAX_VALUE);
        int size = Params.integer(ctx, "size", DEFAULT_PAGE, 1, ExecutionQuery.MAX_SIZE);
        List<Map<String, Object>> all = pending(Guard.caller(ctx));
        int from = (int) Math.min((long) (page - 1) * size, all.size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("results", all.subList(from, Math.min(from + size, all.size())));
        answer.put("page", page);
        answer.put("size", size);
        answer.put("total", all.size());
        ctx.json(answer);
    }

    /**
     * Every job waiting on a step the caller may answer, oldest first. The waiting jobs are read in pages of the
     * store's largest size, each page starting at the creation time of the last one seen (keyset paging), so a job
     * that stops waiting meanwhile cannot shift a later one out of the walk, as offsets would.
     */
    private List<Map<String, Object>> pending(Caller caller) {
        List<Map<String, Object>> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Instant from = null;
        while (true) {
            List<ExecutionRecord> page = store.executions(ExecutionQuery.all()
                    .withStatuses(ExecutionStatus.WAITING_FOR_INPUT).createdBetween(from, null)
                    .sortedBy(ExecutionQuery.Sort.CREATED_AT, true).page(1, ExecutionQuery.MAX_SIZE)
                    .withValues(false)).results();
            boolean progressed = false;
            for (ExecutionRecord execution : page) {
                if (seen.add(execution.id())) {
                    progressed = true;
                    item(execution, caller).ifPresent(results::add);
                }
            }
            if (page.size() < ExecutionQuery.MAX_SIZE || !progressed) {
                return results;
            }
            from = page.getLast().createdAt();
        }
    }

    /** The inbox entry of a waiting job, when it waits on a step the caller may answer. */
    private Optional<Map<String, Object>> item(ExecutionRecord execution, Caller caller) {
        Optional<StepExecution> waiting = waitingStep(execution.id());
        if (waiting.isEmpty() || !WAITING_TYPES.contains(waiting.get().type())) {
            return Optional.empty();
        }
        StepExecution step = waiting.get();
        if (step.type().equals("decision") && !DecisionAnswers.mayAnswer(step, caller)) {
            return Optional.empty();
        }
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("workflowId", execution.workflowId());
        item.put("workflowName", execution.workflowName());
        item.put("executionId", execution.id());
        item.put("stepPath", step.path());
        item.put("stepType", step.type());
        item.put("message", step.input() instanceof Map<?, ?> in ? in.get("message") : null);
        item.put("options", step.input() instanceof Map<?, ?> in && in.get("options") instanceof List<?> o
                ? o : List.of());
        item.put("requestedAt", step.startedAt() == null ? null : step.startedAt().toString());
        item.put("deadline", deadline(step).map(Instant::toString).orElse(null));
        item.put("investigation", execution.metadata() == null ? null : execution.metadata().get("investigationId"));
        return Optional.of(item);
    }

    private Optional<StepExecution> waitingStep(String executionId) {
        return store.steps(executionId).stream().filter(s -> s.status() == ExecutionStatus.WAITING_FOR_INPUT)
                .findFirst();
    }

    private static Optional<Instant> deadline(StepExecution step) {
        return step.state() != null && step.state().get("deadline") != null
                ? Optional.of(Instant.parse(String.valueOf(step.state().get("deadline")))) : Optional.empty();
    }

    /** The links a notifier sends for the decision a job waits on: one per option, signed, expiring with it. */
    private void issue(Context ctx) {
        Map<?, ?> body = JsonBodies.read(ctx, Map.class, true);
        body = body == null ? Map.of() : body;
        Object recipient = body.get("for");
        ExecutionRecord execution = store.execution(ctx.pathParam("executionId")).orElseThrow(() ->
                ApiError.notFound("no job " + ctx.pathParam("executionId")));
        StepExecution step = waitingStep(execution.id()).filter(s -> s.type().equals("decision")).orElseThrow(() ->
                ApiError.conflict("job " + execution.id() + " waits on no decision", Map.of()));
        if (!DecisionAnswers.mayAnswer(step, Guard.caller(ctx))) {
            throw new ApiError(403, "forbidden", "the key '" + Guard.caller(ctx).name() + "' may not answer decision '"
                    + step.name() + "', so it may not hand out its links", Map.of());
        }
        Instant deadline = deadline(step).orElseThrow(() -> ApiError.conflict("decision '" + step.name()
                + "' has no deadline, so its links would never expire", Map.of()));
        long expires = deadline.getEpochSecond();
        String who = recipient instanceof String r && !r.isBlank() ? r : null;
        List<Map<String, Object>> options = new ArrayList<>();
        String base = ctx.scheme() + "://" + ctx.host();
        for (DecisionLinks.Link link : links.forChoices(execution.id(), step.path(), Decision.optionIds(step.input()),
                expires, who)) {
            options.add(Map.of("choice", link.choice(), "path", link.path(), "url", base + link.path()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("executionId", execution.id());
        answer.put("stepPath", step.path());
        answer.put("message", step.input() instanceof Map<?, ?> in ? in.get("message") : null);
        answer.put("expiresAt", Instant.ofEpochSecond(expires).toString());
        answer.put("for", who);
        answer.put("links", options);
        ctx.header("Cache-Control", "no-store"); // the links answer without a key
        ctx.json(answer);
    }

    private void link(Context ctx, boolean answering) {
        String executionId = ctx.pathParam("executionId");
        String stepPath = ctx.pathParam("stepPath");
        String choice = ctx.pathParam("choice");
        String token = ctx.queryParam("token");
        String expiresText = ctx.queryParam("expires");
        String recipient = ctx.queryParam("for");
        if (token == null || token.isBlank() || expiresText == null) {
            ctx.header("WWW-Authenticate", "Signature param=\"token\"");
            throw new ApiError(401, "unauthorized", "a decision link must carry its expires and token parameters",
                    Map.of());
        }
        long expires;
        try {
            expires = Long.parseLong(expiresText);
        } catch (NumberFormatException e) {
            expires = Long.MIN_VALUE;
        }
        if (expires == Long.MIN_VALUE || !links.verify(executionId, stepPath, choice, expires, recipient, token)) {
            DecisionPages.show(ctx, 401, "Invalid link", "This link is not valid: it may have been changed or "
                    + "cut. Ask for a new one, or answer in Vigil.");
            return;
        }
        Instant now = clock.now().truncatedTo(ChronoUnit.MICROS);
        String actor = "link:" + (recipient == null ? "anonymous" : recipient);
        Optional<StepExecution> step = store.steps(executionId).stream().filter(s -> s.path().equals(stepPath))
                .findFirst();
        if (step.isEmpty()) {
            DecisionPages.show(ctx, 404, "Not found", "The job this link answers no longer exists.");
            return;
        }
        Optional<JobStore.Answer> earlier = store.answerFor(executionId, stepPath);
        if (now.getEpochSecond() >= expires) {
            refuse(step.get(), now, actor, choice, "expired", answering);
            DecisionPages.show(ctx, 410, "Link expired", "This link expired at " + Instant.ofEpochSecond(expires)
                    + earlier.map(a -> "; " + DecisionPages.decided(a)).orElse("") + ".");
            return;
        }
        if (earlier.isPresent() || step.get().status() != ExecutionStatus.WAITING_FOR_INPUT) {
            refuse(step.get(), now, actor, choice, "already decided", answering);
            DecisionPages.show(ctx, 409, "Already decided", earlier.map(DecisionPages::decided)
                    .orElse("This decision is no longer waiting for an answer") + ".");
            return;
        }
        if (!answering) {
            DecisionPages.confirm(ctx, String.valueOf(step.get().input() instanceof Map<?, ?> in
                    ? in.get("message") : step.get().name()), choice, ctx.path() + "?" + ctx.queryString());
            return;
        }
        if (!ledger.firstUse(token, executionId, now)) {
            refuse(step.get(), now, actor, choice, "link already used", true);
            DecisionPages.show(ctx, 409, "Link already used", "This link has already been used.");
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("choice", choice);
        payload.put("channel", "link");
        payload.put("respondedAt", now.toString());
        JobStore.Answer answer = store.answer(executionId, stepPath, payload, actor, now);
        if (!answer.respondedBy().equals(actor) || !answer.respondedAt().equals(now)) {
            refuse(step.get(), now, actor, choice, "already decided", true);
            DecisionPages.show(ctx, 409, "Already decided", DecisionPages.decided(answer) + ".");
            return;
        }
        events.answered(step.get(), actor, "link", choice, now);
        wakeWorkers.run();
        DecisionPages.show(ctx, 200, "Decided", "Your answer '" + choice + "' was recorded; the job resumes.");
    }

    /** Records a refused link answer; a GET records nothing (it may be a scanner, not a person). */
    private void refuse(StepExecution step, Instant now, String actor, String choice, String reason, boolean answering) {
        if (answering) {
            ledger.record(new DecisionLedger.Entry(step.executionId(), step.path(), now, "refused", actor, "link",
                    choice, reason), step.startedAt(), step.type());
        }
    }

    private void audit(Context ctx) {
        ExecutionRecord execution = store.execution(ctx.pathParam("executionId")).orElseThrow(() ->
                ApiError.notFound("no job " + ctx.pathParam("executionId")));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (DecisionLedger.Entry entry : ledger.entries(execution.id())) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("stepPath", entry.stepPath());
            json.put("at", entry.at().toString());
            json.put("event", entry.event());
            json.put("actor", entry.actor());
            json.put("channel", entry.channel());
            json.put("choice", entry.choice());
            json.put("reason", entry.reason());
            entries.add(json);
        }
        ctx.json(Map.of("executionId", execution.id(), "results", entries));
    }
}
