package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import dev.vigil.sims.SlackSim;
import dev.vigil.sims.TeamsSim;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slack and Teams steps written as the corpus writes them, run by the server against the simulators. */
class ChatConnectorsApiTest extends ApiTest {

    final SlackSim slack = new SlackSim();
    final TeamsSim teams = new TeamsSim();

    @AfterEach
    void closeSims() {
        slack.close();
        teams.close();
    }

    private void connector(Map<String, Object> body) {
        ApiFixture.Answer created = api.post("/api/connectors", ApiFixture.ADMIN, Json.write(body));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    }

    private Map<String, Object> run(String yaml) throws InterruptedException {
        ApiFixture.Answer created = api.post("/api/workflows/workflow", ApiFixture.EDITOR, Json.write(Map.of("yaml", yaml)));
        assertThat(created.map()).as(created.raw().body()).containsEntry("valid", true);
        String id = (String) created.map().get("id");
        assertThat(api.post("/api/workflows/workflow/" + id + "/activate", ApiFixture.EDITOR, null).status())
                .isEqualTo(200);
        String execution = (String) api.post("/api/workflows/workflow/" + id + "/run", ApiFixture.RESPONDER,
                "{\"inputs\": {\"channel_id\": \"C0SOC\", \"user_ids\": \"U0BEN,U0CAT\"}}").map().get("workflowExecutionId");
        return awaitEnd(execution);
    }

    @Test
    void theCorpussSlack2StepsAndTheSlackStepFormRunAgainstSlack() throws Exception {
        connector(Map.of("name", "soc-slack", "type", "slack", "config", Map.of("baseUrl", slack.url() + "/api"),
                "secrets", Map.of("token", SlackSim.TOKEN, "webhookUrl", slack.webhookUrl())));
        Map<String, Object> detail = run("""
                name: add users, welcome them, tell the SOC
                triggers:
                  - type: manual
                    inputs:
                      - {name: channel_id, type: string}
                      - {name: user_ids, type: string}
                steps:
                  - name: invite-users-to-channel
                    type: slack2.inviteToConversation
                    connector-id: soc-slack
                    with:
                      channel: '{{ inputs.channel_id }}'
                      users: '{{ inputs.user_ids }}'
                  - name: post-welcome-message
                    type: slack2.sendMessage
                    connector-id: soc-slack
                    with:
                      channel: '{{ inputs.channel_id }}'
                      text: '<@{{ inputs.user_ids | replace: '','', ''> <@'' }}> Welcome to the channel!'
                  - name: tell
                    type: slack
                    connector-id: soc-slack
                    with:
                      message: 'welcomed in {{ steps.post-welcome-message.output.channel }}'
                """);

        assertThat(detail).as(Json.write(detail)).containsEntry("status", "completed");
        assertThat(slack.requests("POST", "/api/conversations\\.invite").getFirst().jsonObject())
                .isEqualTo(Map.of("channel", "C0SOC", "users", "U0BEN,U0CAT"));
        assertThat(slack.posted().getFirst()).containsEntry("text", "<@U0BEN> <@U0CAT> Welcome to the channel!");
        assertThat(slack.webhookPosts()).containsExactly(Map.of("text", "welcomed in C0SOC"));
        String history = api.get("/api/workflows/executions/" + detail.get("id"), ApiFixture.VIEWER).raw().body();
        assertThat(history).doesNotContain(SlackSim.TOKEN).doesNotContain("hooksecret12345");
    }

    @Test
    void aSlackErrorFailsTheStepWithSlacksCode() throws Exception {
        connector(Map.of("name", "soc-slack", "type", "slack", "config", Map.of("baseUrl", slack.url() + "/api"),
                "secrets", Map.of("token", SlackSim.TOKEN)));
        Map<String, Object> detail = run("""
                name: post to a missing channel
                triggers: [{type: manual}]
                steps:
                  - {name: post, type: slack2.sendMessage, connector-id: soc-slack, with: {channel: C0GONE, text: hi}}
                """);
        assertThat(detail).containsEntry("status", "failed");
        assertThat(Json.write(detail.get("error"))).contains("ConnectorExecutionError").contains("channel_not_found");
    }

    @Test
    void theTeamsStepFormPostsACardThroughTheWorkflowsWebhook() throws Exception {
        connector(Map.of("name", "soc-teams", "type", "teams", "config", Map.of(),
                "secrets", Map.of("webhookUrl", teams.workflowUrl())));
        Map<String, Object> detail = run("""
                name: tell the SOC in Teams
                triggers: [{type: manual}]
                steps:
                  - {name: card, type: teams, connector-id: soc-teams, with: {title: Malware, message: wks-7 isolated}}
                """);
        assertThat(detail).as(Json.write(detail)).containsEntry("status", "completed");
        assertThat(teams.cards()).hasSize(1);
        assertThat(Json.write(teams.cards().getFirst())).contains("wks-7 isolated");
        assertThat(api.get("/api/workflows/executions/" + detail.get("id"), ApiFixture.VIEWER).raw().body())
                .doesNotContain(TeamsSim.WORKFLOW_SIG).doesNotContain("4e3b2a10c9d84f5e");
    }
}
