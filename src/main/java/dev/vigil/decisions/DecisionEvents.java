package dev.vigil.decisions;

import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.StepExecution;
import dev.vigil.investigations.InvestigationService;
import dev.vigil.store.DecisionLedger;
import dev.vigil.store.JobStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a decision as people see it: requested when its step starts waiting, answered (by the API, a signed
 * link or Slack), or timed out. Each is written once to the decision trail and, when the job belongs to an
 * investigation (its metadata's {@code investigationId}), to the investigation's timeline.
 *
 * <p>"Once" holds across nodes and restarts: the request and the timeout are keyed in the trail by job and step
 * ({@link DecisionLedger#recordOnce}), so a job claimed again after a crash does not ask twice; an answer is
 * written by the node whose answer won, which the store decides ({@code JobStore.answer}).
 */
public final class DecisionEvents {

    /** The steps that wait for a person. */
    static final Set<String> HUMAN_STEPS = Set.of("decision", "waitForApproval", "waitForInput");

    private static final Logger LOG = LoggerFactory.getLogger(DecisionEvents.class);

    private final JobStore store;
    private final DecisionLedger ledger;
    private final InvestigationService investigations;
    private final List<DecisionNotifier> notifiers;
    private final InstantSource clock;

    /**
     * @param slack posts decisions that name a Slack channel; null: none are
     * @param email mails decisions that name recipients, with a signed link per option; null: none are
     */
    public DecisionEvents(JobStore store, DecisionLedger ledger, InvestigationService investigations,
                          SlackDecisions slack, EmailDecisions email, InstantSource clock) {
        this.store = store;
        this.ledger = ledger;
        this.investigations = investigations;
        this.notifiers = java.util.stream.Stream.of(slack, email).filter(java.util.Objects::nonNull)
                .map(DecisionNotifier.class::cast).toList();
        this.clock = clock;
    }

    /** A step was saved waiting for input (the node's journal listener): the first time, the decision is requested. */
    public void waiting(StepExecution step) {
        if (step.status() != ExecutionStatus.WAITING_FOR_INPUT || !HUMAN_STEPS.contains(step.type())) {
            return;
        }
        Instant at = step.startedAt() == null ? clock.instant() : step.startedAt();
        if (!ledger.requested(step.executionId(), step.path(), at, step.type())) {
            return;     // asked before: this is the same wait, run again after a restart or a spurious claim
        }
        Optional<ExecutionRecord> job = store.execution(step.executionId());
        investigationOf(job).ifPresent(id -> investigations.decisionRequested(id, step.executionId(), step.path(),
                step.type(), message(step), at));
        if (step.type().equals("decision") && job.isPresent()) {
            for (DecisionNotifier notifier : notifiers) {
                if (notifier.wanted(step)) {
                    // off the worker's thread: a slow chat or mail server must not hold up the job's worker
                    Thread.ofVirtual().name("vigil-decision-notice-" + step.executionId())
                            .start(() -> notifier.post(job.get(), step));
                }
            }
        }
    }

    /** A step ended (the node's journal listener): a human step that ended by its deadline timed out. */
    public void ended(StepExecution step) {
        if (!HUMAN_STEPS.contains(step.type())) {
            return;
        }
        String outcome = timeoutOutcome(step);
        if (outcome == null) {
            return;
        }
        Instant at = step.finishedAt() == null ? clock.instant() : step.finishedAt();
        Object choice = step.output() instanceof Map<?, ?> out ? out.get("choice") : null;
        boolean first = ledger.recordOnce(new DecisionLedger.Entry(step.executionId(), step.path(), at, "timed-out",
                "timeout", "timeout", choice == null ? null : String.valueOf(choice), outcome));
        if (first) {
            investigationOf(store.execution(step.executionId())).ifPresent(id -> investigations.decisionTimedOut(id,
                    step.executionId(), step.path(), outcome, at));
            settle(step, timedOutSentence(outcome, at));
        }
    }

    /** What a timed-out step did, or null when it did not time out. */
    private static String timeoutOutcome(StepExecution step) {
        if (step.status() == ExecutionStatus.COMPLETED && step.output() instanceof Map<?, ?> out
                && "timeout".equals(out.get("channel"))) {
            return "default path '" + out.get("choice") + "' taken";
        }
        if ((step.status() == ExecutionStatus.FAILED || step.status() == ExecutionStatus.TIMED_OUT)
                && step.error() != null
                && "TimeoutError".equals(step.error().get("type"))) {
            return "no answer in time, the step failed";
        }
        return null;
    }

    /**
     * An answer won (every answering route calls this after {@code JobStore.answer} said it was first): the trail's
     * {@code answered} line and the timeline entry.
     *
     * @param choice the decision's option, or a summary of an approval or input answer; may be null
     */
    public void answered(StepExecution step, String actor, String channel, String choice, Instant at) {
        ledger.record(new DecisionLedger.Entry(step.executionId(), step.path(), at, "answered", actor, channel, choice,
                null), step.startedAt(), step.type());
        settle(step, answeredSentence(choice, actor, channel, at));
        try {
            investigationOf(store.execution(step.executionId())).ifPresent(id -> investigations.decisionAnswered(id,
                    step.executionId(), step.path(), choice, actor, channel, at));
        } catch (RuntimeException e) {
            // the answer stands (the store has it): the timeline only misses a line, so say so and go on
            LOG.warn("decision {} of job {} was answered but its timeline entry could not be written", step.path(),
                    step.executionId(), e);
        }
    }

    static String answeredSentence(String choice, String actor, String channel, Instant at) {
        return "Decided" + (choice == null ? "" : ": " + choice) + ", by " + actor + " (" + channel + ") at " + at
                + ".";
    }

    static String timedOutSentence(String outcome, Instant at) {
        return "Timed out at " + at + ": " + outcome + ".";
    }

    static String cancelledSentence(String actor, Instant at) {
        return "Cancelled by " + actor + " at " + at + ": the job was cancelled.";
    }

    /** How a decision ended according to its trail, as a sentence; empty while it waits. */
    static Optional<String> outcome(List<DecisionLedger.Entry> trail, String stepPath) {
        return trail.stream().filter(e -> e.stepPath().equals(stepPath))
                .filter(e -> List.of("answered", "timed-out", "cancelled").contains(e.event())).findFirst()
                .map(e -> switch (e.event()) {
                    case "answered" -> answeredSentence(e.choice(), e.actor(), e.channel(), e.at());
                    case "timed-out" -> timedOutSentence(e.reason(), e.at());
                    default -> cancelledSentence(e.actor(), e.at());
                });
    }

    /** Tells each notifier (off this thread: it answers an HTTP request, or runs a job) that it was decided. */
    private void settle(StepExecution step, String outcome) {
        if (!step.type().equals("decision")) {
            return;
        }
        for (DecisionNotifier notifier : notifiers) {
            if (notifier.wanted(step)) {
                Thread.ofVirtual().name("vigil-decision-settled-" + step.executionId())
                        .start(() -> notifier.settled(step, outcome));
            }
        }
    }

    /**
     * The job waiting on this step was cancelled while no worker held it (the cancel route calls this): the trail
     * says so once, and what was posted about the decision stops offering answers.
     */
    public void cancelled(StepExecution step, String actor, Instant at) {
        if (!HUMAN_STEPS.contains(step.type())) {
            return;
        }
        if (ledger.recordOnce(new DecisionLedger.Entry(step.executionId(), step.path(), at, "cancelled", actor, "api",
                null, "the job was cancelled"))) {
            settle(step, cancelledSentence(actor, at));
        }
    }

    /** What an answer's payload says in a word: the decision's choice, approved/rejected, or nothing. */
    public static String summary(StepExecution step, Map<String, Object> payload) {
        if (payload == null) {
            return null;
        }
        return switch (step.type()) {
            case "decision" -> payload.get("choice") == null ? null : String.valueOf(payload.get("choice"));
            case "waitForApproval" -> Boolean.TRUE.equals(payload.get("approved")) ? "approved" : "rejected";
            default -> null;
        };
    }

    private static Optional<String> investigationOf(Optional<ExecutionRecord> job) {
        return job.map(ExecutionRecord::metadata).map(m -> m.get("investigationId"))
                .filter(String.class::isInstance).map(String.class::cast);
    }

    static String message(StepExecution step) {
        return step.input() instanceof Map<?, ?> in && in.get("message") != null ? String.valueOf(in.get("message"))
                : null;
    }
}
