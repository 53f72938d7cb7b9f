package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.connectors.ConnectorInput;
import dev.vigil.connectors.ConnectorService;
import dev.vigil.model.Json;
import dev.vigil.sims.EmailSim;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A decision mailed through an e-mail connector (a real local SMTP server): each recipient gets the question with a
 * signed link per option, the first link clicked answers, later ones are told it was decided.
 */
class EmailDecisionApiTest extends ApiTest {

    final EmailSim mail = new EmailSim();

    @BeforeEach
    void mailConnector() {
        api.connectors.create(new ConnectorInput("soc-mail", "email", Map.of("host", "127.0.0.1",
                "port", mail.smtpPort(), "from", EmailSim.FROM, "username", EmailSim.USER,
                "caCertificate", EmailSim.certificatePem()), Map.of("password", EmailSim.PASSWORD), null),
                ConnectorService.API);
    }

    @AfterEach
    void closeSim() {
        mail.close();
    }

    private String waitingJob(String extra) throws InterruptedException {
        String id = (String) api.post("/api/workflows/workflow", ApiFixture.EDITOR,
                Json.write(Map.of("yaml", DecisionApiTest.triage("1h", extra)))).map().get("id");
        api.post("/api/workflows/workflow/" + id + "/activate", ApiFixture.EDITOR, null);
        String job = (String) api.post("/api/workflows/workflow/" + id + "/run", ApiFixture.RESPONDER, "{}").map()
                .get("workflowExecutionId");
        awaitStatus(job, List.of("waiting_for_input"));
        return job;
    }

    /** The mail sent to {@code to} (10 s at most: it goes out on its own thread once the job waits). */
    private EmailSim.Mail mailTo(String to) throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            for (EmailSim.Mail m : mail.mails()) {
                if (m.to().equals(to)) {
                    return m;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no mail to " + to + "; got " + mail.mails());
    }

    /** The link path of {@code choice} in a mail's text. */
    private String link(EmailSim.Mail m, String choice) {
        Matcher found = Pattern.compile(Pattern.quote(api.url()) + "(/api/decisions/[^/\\s]+/triage/" + choice
                + "\\?\\S+)").matcher(m.text());
        assertThat(found.find()).as("a link for " + choice + " in:\n" + m.text()).isTrue();
        return found.group(1);
    }

    @Test
    void eachRecipientGetsTheirOwnLinksTheFirstClickAnswersAndTheRestAreTold() throws Exception {
        String job = waitingJob("      email: {to: [alice@soc.test, bob@soc.test], connector-id: soc-mail}");
        EmailSim.Mail alice = mailTo("alice@soc.test");
        EmailSim.Mail bob = mailTo("bob@soc.test");
        assertThat(alice.subject()).startsWith("Decision needed: Contain wks-7?");
        assertThat(alice.text()).contains("Contain wks-7?").contains("Isolate the host").contains("Keep watching")
                .contains("False positive").contains(job);
        assertThat(link(alice, "isolate")).contains("for=alice%40soc.test");
        assertThat(link(alice, "isolate")).isNotEqualTo(link(bob, "isolate"));

        ApiFixture.Answer shown = api.send("GET", link(alice, "isolate"), null);
        assertThat(shown.status()).as("opening a link only shows it").isEqualTo(200);
        assertThat(api.get("/api/workflows/executions/" + job, ApiFixture.VIEWER).map())
                .containsEntry("status", "waiting_for_input");

        ApiFixture.Answer answered = api.send("POST", link(alice, "isolate"), null);
        assertThat(answered.status()).as(String.valueOf(answered.body())).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> triage = ((List<Map<String, Object>>) awaitEnd(job).get("stepExecutions")).stream()
                .filter(s -> "triage".equals(s.get("stepId"))).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> output = (Map<String, Object>) triage.get("output");
        assertThat(output).containsEntry("choice", "isolate").containsEntry("respondedBy", "link:alice@soc.test")
                .containsEntry("channel", "link");

        ApiFixture.Answer late = api.send("POST", link(bob, "close"), null);
        assertThat(late.status()).isEqualTo(409);
        assertThat((String) late.body()).contains("link:alice@soc.test").contains("isolate");
        assertThat(api.send("POST", link(alice, "isolate"), null).status()).as("used once").isEqualTo(409);

        String trail = api.get("/api/workflows/executions/" + job + "/decisions/audit", ApiFixture.VIEWER).raw()
                .body();
        assertThat(trail).contains("mailed to alice@soc.test through soc-mail")
                .contains("mailed to bob@soc.test through soc-mail").contains("link:bob@soc.test");
    }

    @Test
    void aMailThatCannotBeSentLeavesTheDecisionWaitingAndTheTrailSaysWhy() throws Exception {
        String job = waitingJob("      email: {to: carol@soc.test, connector-id: no-such-mail}");
        assertThat(awaitTrail(job, "post-failed")).contains("no-such-mail");
        assertThat(mail.mails()).isEmpty();
        assertThat(api.get("/api/workflows/executions/" + job, ApiFixture.VIEWER).map())
                .containsEntry("status", "waiting_for_input");
    }
}
