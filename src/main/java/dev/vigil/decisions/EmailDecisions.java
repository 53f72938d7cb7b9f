package dev.vigil.decisions;

import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorLookup;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.engine.Decision;
import dev.vigil.engine.ExecutionRecord;
import dev.vigil.engine.StepExecution;
import dev.vigil.steps.StepFailure;
import dev.vigil.store.DecisionLedger;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails a waiting {@code decision} that names recipients ({@code with.email}) through an e-mail connector: the
 * question, then one signed link per option. Each recipient gets their own mail whose links carry their address
 * ({@code for}), so the answer is recorded as {@code link:<address>}; a link answers once and dies with the
 * decision's deadline, and opening it only shows a confirmation page (mail scanners open links). Links need the
 * server's public URL ({@code --public-url}), since a mail is read elsewhere.
 */
public final class EmailDecisions implements DecisionNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(EmailDecisions.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final ConnectorLookup connectors;
    private final ConnectorType email;
    private final HttpClient http;
    private final DecisionLinks links;
    private final Supplier<String> publicUrl;
    private final DecisionLedger ledger;
    private final InstantSource clock;

    /**
     * @param email     the e-mail connector type, which sends
     * @param publicUrl the server's URL as recipients reach it ({@code https://vigil.example.com}), read per mail
     */
    public EmailDecisions(ConnectorLookup connectors, ConnectorType email, HttpClient http, DecisionLinks links,
                          Supplier<String> publicUrl, DecisionLedger ledger, InstantSource clock) {
        this.connectors = connectors;
        this.email = email;
        this.http = http;
        this.links = links;
        this.publicUrl = publicUrl;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public boolean wanted(StepExecution step) {
        return Decision.email(step.input()) != null;
    }

    /** Mails each recipient now; never throws: each mail's outcome is in the decision trail. */
    @Override
    public void post(ExecutionRecord job, StepExecution step) {
        Map<?, ?> target = Decision.email(step.input());
        List<String> recipients = target.get("to") instanceof List<?> to ? to.stream().map(String::valueOf).toList()
                : List.of();
        String connectorId = target.get("connector-id") == null ? null : String.valueOf(target.get("connector-id"));
        Object deadline = step.state() == null ? null : step.state().get("deadline");
        if (recipients.isEmpty() || deadline == null) {
            note(step, "post-failed", recipients.isEmpty() ? "with.email names no recipient"
                    : "the decision has no deadline, so its links would never expire");
            return;
        }
        long expires = Instant.parse(String.valueOf(deadline)).getEpochSecond();
        Connector connector;
        try {
            connector = connectors.ofType(connectorId, email.id(), "decision " + step.path() + "'s e-mail");
        } catch (StepFailure e) {
            note(step, "post-failed", e.getMessage());
            return;
        }
        for (String recipient : recipients) {
            try {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("to", List.of(recipient));
                params.put("subject", "Decision needed: " + firstLine(DecisionEvents.message(step)) + " ["
                        + job.workflowName() + "]");
                params.put("message", text(job, step, links.forChoices(job.id(), step.path(),
                        Decision.optionIds(step.input()), expires, recipient)));
                email.execute(ConnectorCall.start(http, connector, null, params, SEND_TIMEOUT,
                        (level, text) -> LOG.debug("e-mail decision {}: {}", job.id(), text),
                        "decision-mail:" + job.id() + ":" + step.path() + ":" + recipient));
                note(step, "posted", "mailed to " + recipient + " through " + connector.name());
            } catch (StepFailure | RuntimeException e) {
                LOG.warn("decision {} of job {} could not be mailed to {}: {}", step.path(), job.id(), recipient,
                        e.getMessage());
                note(step, "post-failed", "mail to " + recipient + ": " + e.getMessage());
            }
        }
    }

    /** The mail's text: the question, a line per option with its link, the deadline, and where it comes from. */
    String text(ExecutionRecord job, StepExecution step, List<DecisionLinks.Link> optionLinks) {
        String base = publicUrl.get().replaceAll("/+$", "");
        Map<String, String> labels = new LinkedHashMap<>();
        Decision.options(step.input()).forEach(o -> labels.put(o.getKey(), o.getValue()));
        StringBuilder text = new StringBuilder();
        String message = DecisionEvents.message(step);
        text.append(message == null ? "A decision is needed." : message).append("\n\n");
        text.append("Choose one (each link answers once; opening it first shows what it will do):\n\n");
        for (DecisionLinks.Link link : optionLinks) {
            text.append("  ").append(labels.getOrDefault(link.choice(), link.choice())).append("\n  ")
                    .append(base).append(link.path()).append("\n\n");
        }
        text.append("Answer by ").append(step.state().get("deadline")).append(". The first answer wins, from any"
                + " channel.\nWorkflow ").append(job.workflowName()).append(", job ").append(job.id()).append(".\n");
        return text.toString();
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "decision";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 119) + "…" : line;
    }

    private void note(StepExecution step, String event, String reason) {
        DecisionNotifier.note(ledger, clock, step, "email", event, reason);
    }
}
