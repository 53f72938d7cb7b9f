package dev.vigil.connectors.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorKit;
import dev.vigil.model.Json;
import dev.vigil.sims.SlackSim;
import dev.vigil.steps.StepFailure;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackMessagesTest {

    static final String REF = "01a208ea-b0c5-72bd-b431-5b88742a84df/steps/approve-containment";

    final SlackSim slack = new SlackSim();

    @AfterEach
    void close() {
        slack.close();
    }

    /** A call as the decision wiring will make one: no step sub-action, the connector's own settings. */
    ConnectorCall call(Map<String, Object> config) {
        Map<String, Object> all = new java.util.HashMap<>(config);
        all.put("baseUrl", slack.url() + "/api");
        return ConnectorCall.start(HttpClient.newHttpClient(),
                ConnectorKit.connector("slack", all, Map.of("token", SlackSim.TOKEN)), null, Map.of(),
                Duration.ofSeconds(10), (level, message) -> { }, null);
    }

    @Test
    void aDecisionIsOneButtonPerOptionThatSlackAccepts() throws StepFailure {
        Map<String, Object> answer = SlackMessages.postDecision(call(Map.of()), "C0SOC",
                "*Isolate wks-7?* Malware alert, severity high",
                List.of(new SlackMessages.Option("isolate", "Isolate host"), new SlackMessages.Option("ignore", "Ignore")),
                REF);

        assertThat(answer).containsEntry("ok", true).containsEntry("channel", "C0SOC").containsKey("ts");
        Map<String, Object> sent = slack.lastRequest().jsonObject();
        assertThat(slack.lastRequest().path()).isEqualTo("/api/chat.postMessage");
        assertThat(sent).containsEntry("channel", "C0SOC")
                .containsEntry("text", "*Isolate wks-7?* Malware alert, severity high");
        assertThat(sent.get("blocks")).isEqualTo(List.of(
                Map.of("type", "section", "text", Map.of("type", "mrkdwn",
                        "text", "*Isolate wks-7?* Malware alert, severity high")),
                Map.of("type", "actions", "block_id", "vigil_decision", "elements", List.of(
                        button("Isolate host", "vigil_decision:isolate", "{\"ref\":\"" + REF + "\",\"option\":\"isolate\"}"),
                        button("Ignore", "vigil_decision:ignore", "{\"ref\":\"" + REF + "\",\"option\":\"ignore\"}")))));
        assertThat(slack.posted()).hasSize(1);
    }

    @Test
    void theCallbackReadsTheDecisionAndOptionBackFromTheClickedButton() {
        List<Object> blocks = SlackMessages.decisionBlocks("Approve?", List.of(new SlackMessages.Option("yes", "Yes"),
                new SlackMessages.Option("no", "No")), REF);
        @SuppressWarnings("unchecked")
        Map<String, Object> no = (Map<String, Object>) ((List<?>) ((Map<?, ?>) blocks.get(1)).get("elements")).get(1);
        // Slack's block_actions payload carries the button's action_id and value, plus fields of its own
        Map<String, Object> clicked = Map.of("action_id", no.get("action_id"), "block_id", "vigil_decision",
                "value", no.get("value"), "type", "button", "action_ts", "1700000001.000200");

        assertThat(SlackMessages.answer(clicked)).contains(new SlackMessages.Answer(REF, "no"));
        assertThat(SlackMessages.answer(Map.of("action_id", "other_app", "value", "x"))).isEmpty();
        assertThat(SlackMessages.answer(Map.of("action_id", "vigil_decision:yes", "value", no.get("value"))))
                .as("a value that names another option than its action id").isEmpty();
    }

    @Test
    void longLabelsAndTextsAreCutToWhatSlackTakes() throws StepFailure {
        String label = "Isolate the host and revoke every session of the user who was logged in when it fired";
        String text = "x".repeat(3500);
        SlackMessages.postDecision(call(Map.of()), "C0SOC", text, List.of(new SlackMessages.Option("a", label)), REF);

        assertThat(slack.posted()).hasSize(1);
        String shown = Json.write(slack.lastRequest().jsonObject().get("blocks"));
        assertThat(shown).contains(label.substring(0, 74) + "…").doesNotContain(label);
    }

    @Test
    void optionsSlackWouldRefuseFailBeforeAnythingIsSent() {
        List<SlackMessages.Option> many = IntStream.range(0, 26).mapToObj(i -> new SlackMessages.Option("o" + i, "O" + i))
                .toList();
        assertThatThrownBy(() -> SlackMessages.postDecision(call(Map.of()), "C0SOC", "?", many, REF))
                .isInstanceOf(StepFailure.class).hasMessageContaining("1 to 25 options, got 26");
        assertThatThrownBy(() -> SlackMessages.postDecision(call(Map.of()), "C0SOC", "?",
                List.of(new SlackMessages.Option("a", "A"), new SlackMessages.Option("a", "B")), REF))
                .isInstanceOf(StepFailure.class).hasMessageContaining("'a' is given twice");
        assertThatThrownBy(() -> SlackMessages.postDecision(call(Map.of()), "C0SOC", "?",
                List.of(new SlackMessages.Option("a", "A")), "r".repeat(2000)))
                .isInstanceOf(StepFailure.class).hasMessageContaining("too long for a Slack button");
        assertThat(slack.requests()).isEmpty();
    }

    @Test
    void aDecisionHonoursAllowedChannelsAndSlackErrors() {
        assertThatThrownBy(() -> SlackMessages.postDecision(call(Map.of("allowedChannels", List.of("C0SOC"))),
                "C0GEN", "?", List.of(new SlackMessages.Option("a", "A")), REF))
                .isInstanceOf(StepFailure.class).hasMessageContaining("not in the connector's allowedChannels");
        assertThatThrownBy(() -> SlackMessages.postDecision(call(Map.of()), "C0OLD", "?",
                List.of(new SlackMessages.Option("a", "A")), REF))
                .isInstanceOf(StepFailure.class).hasMessageEndingWith("answered is_archived");
    }

    private static Map<String, Object> button(String label, String actionId, String value) {
        return Map.of("type", "button", "text", Map.of("type", "plain_text", "text", label, "emoji", true),
                "action_id", actionId, "value", value);
    }
}
