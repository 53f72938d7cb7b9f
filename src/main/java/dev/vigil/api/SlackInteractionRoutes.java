package dev.vigil.api;

import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorProblem;
import dev.vigil.connectors.ConnectorService;
import dev.vigil.decisions.DecisionEvents;
import dev.vigil.decisions.SlackDecisions;
import dev.vigil.engine.EngineClock;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.StepExecution;
import dev.vigil.model.Json;
import dev.vigil.store.DecisionLedger;
import dev.vigil.store.JobStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's interaction callback for decision buttons: {@code POST /api/slack/interactions/{connector}}, set as the
 * Slack app's Request URL. No API key: the request is verified with the Slack connector's signing secret
 * (HMAC-SHA256 of {@code v0:<timestamp>:<raw body>}, Slack's scheme) and refused when its timestamp is more than
 * five minutes from this node's clock, so a captured request cannot be replayed later.
 *
 * <p>The Slack user who clicked answers as the Vigil user the connector's {@code users} option maps them to
 * ({@code {U0123ABC: alice}} or {@code {U0123ABC: {name: alice, role: responder}}}; role responder unless given);
 * unmapped users are refused. The answer then follows the API's rules: the decision's approvers (else role
 * responder or higher), the first answer wins, every attempt goes to the audit trail. The outcome is posted back to
 * the message's {@code response_url}: the winner's answer replaces the buttons, anyone else is told, privately,
 * who decided what and when.
 */
final class SlackInteractionRoutes {

    static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private final JobStore store;
    private final EngineClock clock;
    private final DecisionLedger ledger;
    private final DecisionEvents events;
    private final ConnectorService connectors;
    private final Runnable wakeWorkers;
    private final HttpClient http;

    SlackInteractionRoutes(JobStore store, EngineClock clock, DecisionLedger ledger, DecisionEvents events,
                           ConnectorService connectors,
                           Runnable wakeWorkers, HttpClient http) {
        this.store = store;
        this.clock = clock;
        this.ledger = ledger;
        this.events = events;
        this.connectors = connectors;
        this.wakeWorkers = wakeWorkers;
        this.http = http;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/slack/interactions/{connector}", this::interaction, Access.SIGNED);
    }

    private void interaction(Context ctx) {
        ctx.header("WWW-Authenticate", "Signature scheme=\"slack-v0\"");
        Connector slack = null;
        try {
            slack = connectors.get(ctx.pathParam("connector"));
        } catch (ConnectorProblem notFound) {
            // answered as unverifiable, not as missing: the callback does not tell strangers which connectors exist
        }
        String signingSecret = slack == null || !slack.type().equals("slack") ? null : slack.secret("signingSecret");
        if (signingSecret == null) {
            throw new ApiError(401, "unauthorized", "this request cannot be verified: no Slack connector '"
                    + ctx.pathParam("connector") + "' with a signingSecret", Map.of());
        }
        String body = ctx.body();
        verify(ctx.header("X-Slack-Request-Timestamp"), ctx.header("X-Slack-Signature"), body, signingSecret);

        Map<String, Object> payload = payload(body);
        String slackUser = payload.get("user") instanceof Map<?, ?> u && u.get("id") instanceof String id ? id : null;
        String responseUrl = payload.get("response_url") instanceof String r ? r : null;
        @SuppressWarnings("unchecked")
        Map<String, Object> action = payload.get("actions") instanceof java.util.List<?> actions && !actions.isEmpty()
                && actions.getFirst() instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();
        Optional<SlackDecisions.Clicked> clicked = SlackDecisions.decision(action);
        if (clicked.isEmpty()) {
            ctx.status(200).json(Map.of("ignored", "not a Vigil decision button"));
            return;
        }
        String executionId = clicked.get().executionId();
        String stepPath = clicked.get().stepPath();
        String choice = clicked.get().choice();
        Instant now = clock.now().truncatedTo(ChronoUnit.MICROS);

        Optional<Caller> caller = mapped(slack, slackUser);
        Optional<StepExecution> step = store.steps(executionId).stream().filter(s -> s.path().equals(stepPath))
                .findFirst();
        if (step.isEmpty()) {
            reply(ctx, responseUrl, 404, "That job no longer exists.", false);
            return;
        }
        String actor = caller.map(c -> "user:" + c.name()).orElse("slack:" + slackUser);
        if (caller.isEmpty()) {
            refuse(step.get(), now, actor, choice, "unmapped Slack user");
            reply(ctx, responseUrl, 403, "Your Slack account (" + slackUser + ") is not mapped to a Vigil user, so"
                    + " you cannot answer here. Ask an admin to add it to the Slack connector's users.", false);
            return;
        }
        if (!caller.get().allowed().contains(Access.DECIDE)) {
            refuse(step.get(), now, actor, choice, "role " + caller.get().role() + " may not answer decisions");
            reply(ctx, responseUrl, 403, "You cannot answer this: your Vigil role (" + caller.get().role()
                    + ") may not answer decisions.", false);
            return;
        }
        Map<String, Object> answer;
        try {
            answer = DecisionAnswers.check(caller.get(), step.get(), Map.of("choice", choice, "channel", "slack"), now);
        } catch (ApiError refused) {
            refuse(step.get(), now, actor, choice, refused.getMessage());
            reply(ctx, responseUrl, refused.status(), "You cannot answer this: " + refused.getMessage(), false);
            return;
        }
        Optional<JobStore.Answer> earlier = store.answerFor(executionId, stepPath);
        if (earlier.isPresent() || step.get().status() != ExecutionStatus.WAITING_FOR_INPUT) {
            refuse(step.get(), now, actor, choice, "already decided");
            reply(ctx, responseUrl, 409, earlier.map(DecisionPages::decided)
                    .orElse("This decision is no longer waiting for an answer") + ".", false);
            return;
        }
        JobStore.Answer recorded = store.answer(executionId, stepPath, answer, actor, now);
        if (!recorded.respondedBy().equals(actor) || !recorded.respondedAt().equals(now)) {
            refuse(step.get(), now, actor, choice, "already decided");
            reply(ctx, responseUrl, 409, DecisionPages.decided(recorded) + ".", false);
            return;
        }
        events.answered(step.get(), actor, "slack", choice, now);
        wakeWorkers.run();
        reply(ctx, responseUrl, 200, "Decided: " + choice + " by " + caller.get().name() + " at " + now + ".", true);
    }

    /** Slack's request signing: {@code v0=} hex HMAC-SHA256 of {@code v0:<timestamp>:<body>}, within the window. */
    private void verify(String timestamp, String signature, String body, String secret) {
        if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
            throw new ApiError(401, "unauthorized", "a Slack request carries X-Slack-Request-Timestamp and "
                    + "X-Slack-Signature", Map.of());
        }
        long skew = Math.abs(clock.now().getEpochSecond() - Long.parseLong(timestamp));
        if (skew > REPLAY_WINDOW.toSeconds()) {
            throw new ApiError(401, "unauthorized", "the Slack request's timestamp is " + skew + " s from this "
                    + "server's clock, more than the " + REPLAY_WINDOW.toSeconds() + " s replay window", Map.of());
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                    .getBytes(StandardCharsets.UTF_8)));
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    signature.getBytes(StandardCharsets.UTF_8))) {
                throw new ApiError(401, "unauthorized", "the Slack signature does not match: check the connector's"
                        + " signingSecret", Map.of());
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK", e);
        }
    }

    /** The Vigil user a Slack user id is mapped to in the connector's {@code users} option. */
    static Optional<Caller> mapped(Connector slack, String slackUser) {
        if (slackUser == null || !(slack.config().get("users") instanceof Map<?, ?> users)) {
            return Optional.empty();
        }
        Object entry = users.get(slackUser);
        String name = entry instanceof String s ? s : entry instanceof Map<?, ?> m && m.get("name") instanceof String n
                ? n : null;
        String role = entry instanceof Map<?, ?> m && m.get("role") instanceof String r ? r : "responder";
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        EnumSet<Access> access = switch (role) {
            case "admin" -> EnumSet.allOf(Access.class);
            case "editor", "responder" -> EnumSet.of(Access.READ, Access.RUN, Access.DECIDE);
            default -> EnumSet.of(Access.READ);
        };
        return Optional.of(new Caller("slack:" + slackUser, name, role, access));
    }

    private void refuse(StepExecution step, Instant now, String actor, String choice, String reason) {
        ledger.record(new DecisionLedger.Entry(step.executionId(), step.path(), now, "refused", actor, "slack",
                choice, reason), step.startedAt(), step.type());
    }

    /**
     * Answers Slack (which shows nothing of the HTTP answer to a button) and posts the outcome to the message's
     * response URL: replacing the message for the winner, privately for anyone else.
     */
    private void reply(Context ctx, String responseUrl, int status, String text, boolean replace) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", text);
        message.put("replace_original", replace);
        if (!replace) {
            message.put("response_type", "ephemeral");
        }
        if (responseUrl != null && responseUrl.matches("https?://.*")) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(responseUrl)).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(message))).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException | IllegalArgumentException e) {
                // the decision is recorded either way; Slack's message just keeps its buttons
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Slack wants 200 for every interaction it should not retry; the outcome is in the body for other callers
        ctx.status(200).json(Map.of("status", status, "text", text));
    }

    private static Map<String, Object> payload(String body) {
        for (String pair : body.split("&")) {
            if (pair.startsWith("payload=")) {
                Object parsed;
                try {
                    parsed = Json.parse(URLDecoder.decode(pair.substring("payload=".length()), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw ApiError.badRequest("the Slack payload is not JSON: " + e.getMessage());
                }
                if (parsed instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) m;
                    return map;
                }
            }
        }
        throw ApiError.badRequest("a Slack interaction is a form with a payload field");
    }
}
