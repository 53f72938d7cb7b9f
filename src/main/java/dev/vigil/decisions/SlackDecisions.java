package dev.vigil.decisions;

import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorLookup;
import dev.vigil.connectors.slack.SlackMessages;
import dev.vigil.engine.Decision;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.StepExecution;
import dev.vigil.steps.StepFailure;
import dev.vigil.store.DecisionLedger;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a waiting {@code decision} that names a Slack channel ({@code with.slack}) to that channel: its message
 * above one button per option ({@link SlackMessages#postDecision}). A click comes back to
 * {@code POST /api/slack/interactions/{connector}}, which reads the decision from the button ({@link #decision}).
 *
 * <p>{@link DecisionEvents} runs the post on its own virtual thread, so a slow Slack never holds the worker that
 * suspended the job; its outcome (posted, or why not) goes to the decision trail. A failed post leaves the decision waiting: it can still
 * be answered through the API, a signed link or the inbox.
 */
public final class SlackDecisions implements DecisionNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(SlackDecisions.class);
    private static final Duration POST_TIMEOUT = Duration.ofSeconds(30);

    private final ConnectorLookup connectors;
    private final HttpClient http;
    private final DecisionLedger ledger;
    private final InstantSource clock;

    public SlackDecisions(ConnectorLookup connectors, HttpClient http, DecisionLedger ledger, InstantSource clock) {
        this.connectors = connectors;
        this.http = http;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The button reference of a decision: its job and step, which the callback needs to answer it. */
    public static String reference(String executionId, String stepPath) {
        return executionId + "/" + stepPath;
    }

    /** The job and step a clicked button answers, and the option chosen; empty when it is no Vigil decision button. */
    public static Optional<Clicked> decision(Map<String, Object> action) {
        return SlackMessages.answer(action).flatMap(answer -> {
            int slash = answer.decisionRef().indexOf('/');
            return slash <= 0 || slash == answer.decisionRef().length() - 1 ? Optional.empty()
                    : Optional.of(new Clicked(answer.decisionRef().substring(0, slash),
                            answer.decisionRef().substring(slash + 1), answer.optionId()));
        });
    }

    /** A click on a decision button: which job, which step, which option. */
    public record Clicked(String executionId, String stepPath, String choice) {
    }

    @Override
    public boolean wanted(StepExecution step) {
        return Decision.slack(step.input()) != null;
    }

    /** Posts now; never throws: the outcome is in the decision trail. */
    @Override
    public void post(ExecutionRecord job, StepExecution step) {
        Map<?, ?> target = Decision.slack(step.input());
        String channel = target == null || target.get("channel") == null ? null : String.valueOf(target.get("channel"));
        String connectorId = target == null || target.get("connector-id") == null ? null
                : String.valueOf(target.get("connector-id"));
        try {
            if (channel == null || channel.isBlank()) {
                throw new StepFailure("decision " + step.path() + ": with.slack names no channel");
            }
            Connector slack = connectors.ofType(connectorId, "slack", "decision " + step.path() + "'s Slack post");
            ConnectorCall call = ConnectorCall.start(http, slack, "postMessage", Map.of(), POST_TIMEOUT,
                    (level, text) -> LOG.debug("slack decision {}: {}", job.id(), text), null);
            List<SlackMessages.Option> options = Decision.options(step.input()).stream()
                    .map(o -> new SlackMessages.Option(o.getKey(), o.getValue())).toList();
            Map<String, Object> posted = SlackMessages.postDecision(call, channel, text(job, step), options,
                    reference(job.id(), step.path()));
            if (posted.get("channel") instanceof String id && posted.get("ts") instanceof String ts) {
                ledger.posted(new DecisionLedger.Notice(job.id(), step.path(), slack.id(), id, ts, clock.instant()));
                // an answer that came while this was being posted found no message to update: update it now
                DecisionEvents.outcome(ledger.entries(job.id()), step.path()).ifPresent(done -> settled(step, done));
            }
            note(step, "posted", "posted to " + channel + " through " + slack.name()
                    + (posted.get("ts") == null ? "" : " (message " + posted.get("ts") + ")"));
        } catch (StepFailure | RuntimeException e) {
            LOG.warn("decision {} of job {} could not be posted to Slack: {}", step.path(), job.id(), e.getMessage());
            note(step, "post-failed", e.getMessage());
        }
    }

    /** Replaces each posted message's buttons with the outcome, so nobody clicks a decided question. */
    @Override
    public void settled(StepExecution step, String outcome) {
        List<DecisionLedger.Notice> notices;
        try {
            notices = ledger.notices(step.executionId(), step.path());
        } catch (RuntimeException e) {
            LOG.warn("could not read the Slack messages of decision {} of job {}", step.path(), step.executionId(), e);
            return;
        }
        for (DecisionLedger.Notice notice : notices) {
            try {
                Connector slack = connectors.find(notice.connectorId());
                ConnectorCall call = ConnectorCall.start(http, slack, "update", Map.of(), POST_TIMEOUT,
                        (level, text) -> LOG.debug("slack decision {}: {}", step.executionId(), text), null);
                String message = DecisionEvents.message(step);
                SlackMessages.settleDecision(call, notice.channel(), notice.messageTs(),
                        (message == null ? "Decision" : message) + "\n_job " + step.executionId() + "_", outcome);
            } catch (StepFailure | RuntimeException e) {
                LOG.warn("the Slack message of decision {} of job {} could not be updated: {}", step.path(),
                        step.executionId(), e.getMessage());
                note(step, "update-failed", e.getMessage());
            }
        }
    }

    private void note(StepExecution step, String event, String reason) {
        DecisionNotifier.note(ledger, clock, step, "slack", event, reason);
    }

    /** The message above the buttons: the question, then which job asks and until when. */
    static String text(ExecutionRecord job, StepExecution step) {
        String message = DecisionEvents.message(step);
        Object deadline = step.state() == null ? null : step.state().get("deadline");
        return (message == null ? "Decision needed" : message) + "\n_" + job.workflowName() + " · job " + job.id()
                + (deadline == null ? "" : " · answer by " + Instant.parse(String.valueOf(deadline))) + "_";
    }
}
