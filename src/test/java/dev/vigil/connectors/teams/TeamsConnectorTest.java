package dev.vigil.connectors.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.vigil.connectors.ConnectorKit;
import dev.vigil.sims.Simulator;
import dev.vigil.sims.TeamsSim;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TeamsConnectorTest {

    final TeamsSim teams = new TeamsSim();

    @AfterEach
    void close() {
        teams.close();
    }

    ConnectorKit webhook(String url, Map<String, Object> config) {
        return new ConnectorKit(new TeamsConnector(), config, Map.of("webhookUrl", url));
    }

    ConnectorKit delegated() {
        return new ConnectorKit(new TeamsConnector(), Map.of("graphUrl", teams.url() + "/v1.0"),
                Map.of("token", TeamsSim.DELEGATED_TOKEN));
    }

    ConnectorKit appOnly(String secret) {
        Map<String, Object> config = new HashMap<>();
        config.put("graphUrl", teams.url() + "/v1.0");
        config.put("loginUrl", teams.url());
        config.put("tenantId", TeamsSim.TENANT);
        config.put("clientId", TeamsSim.CLIENT_ID);
        return new ConnectorKit(new TeamsConnector(), config, Map.of("clientSecret", secret));
    }

    @Test
    void theStepFormPostsAnAdaptiveCardThatAWorkflowsWebhookTakes() throws StepFailure {
        Object output = webhook(teams.workflowUrl(), Map.of()).run(null,
                Map.of("title", "Malware on wks-7", "message", "Severity high; host isolated."));

        Simulator.Request sent = teams.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo(TeamsSim.WORKFLOW_PATH);
        assertThat(sent.query()).containsEntry("sig", TeamsSim.WORKFLOW_SIG);
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        Map<String, Object> card = Map.of(
                "$schema", "http://adaptivecards.io/schemas/adaptive-card.json", "type", "AdaptiveCard",
                "version", "1.4", "msteams", Map.of("width", "Full"), "body", List.of(
                        Map.of("type", "TextBlock", "text", "Malware on wks-7", "wrap", true, "weight", "Bolder",
                                "size", "Medium"),
                        Map.of("type", "TextBlock", "text", "Severity high; host isolated.", "wrap", true)));
        java.util.Map<String, Object> attachment = new HashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        assertThat(sent.jsonObject()).isEqualTo(Map.of("type", "message", "attachments", List.of(attachment)));
        assertThat(teams.cards()).containsExactly(card);
        assertThat(output).isEqualTo(Map.of("text", "Severity high; host isolated.", "title", "Malware on wks-7",
                "status", 202L));
    }

    @Test
    void aGivenAdaptiveCardIsSentAsItIs() throws StepFailure {
        Map<String, Object> card = Map.of("type", "AdaptiveCard", "version", "1.4", "body",
                List.of(Map.of("type", "FactSet", "facts", List.of(Map.of("title", "Host", "value", "wks-7")))));
        webhook(teams.workflowUrl(), Map.of()).run(null, Map.of("card", card));
        assertThat(teams.cards()).containsExactly(card);
    }

    @Test
    void theLegacyFormatSendsAMessageCardWhichWorkflowsRefuse() throws StepFailure {
        Object output = webhook(teams.legacyUrl(), Map.of("format", "messagecard")).run(null,
                Map.of("message", "Digest ready\nsee details"));
        assertThat(teams.lastRequest().jsonObject()).isEqualTo(Map.of("@type", "MessageCard",
                "@context", "https://schema.org/extensions", "summary", "Digest ready", "text", "Digest ready\nsee details"));
        assertThat(output).asInstanceOf(MAP).containsEntry("status", 200L);

        StepFailure refused = webhook(teams.workflowUrl(), Map.of("format", "messagecard")).fail(null,
                Map.of("message", "hello"));
        assertThat(refused.type()).isEqualTo("ConnectorExecutionError");
        assertThat(refused.getMessage()).contains("HTTP 400").contains("did not match its schema definition");
    }

    @Test
    void aThrottledLegacyWebhookFailsAsRateLimitedThoughItAnswers200() {
        teams.throttleLegacyNext();
        StepFailure failure = webhook(teams.legacyUrl(), Map.of()).fail(null, Map.of("message", "hello"));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat(failure.toValue()).containsEntry("statusCode", 429L);
    }

    @Test
    void aWebhookWithoutMessageOrCardIsRefusedAndItsUrlIsKeptOutOfMessages() {
        assertThat(webhook(teams.workflowUrl(), Map.of()).fail(null, Map.of("title", "t")).getMessage())
                .contains("with.message is required");
        assertThat(teams.requests()).isEmpty();

        StepFailure wrongSig = webhook(teams.url() + TeamsSim.WORKFLOW_PATH + "?sig=nope", Map.of()).fail(null,
                Map.of("message", "x"));
        assertThat(wrongSig.getMessage()).contains("HTTP 401").contains("Shared Access scheme")
                .doesNotContain("sig=");
    }

    @Test
    void delegatedListJoinedTeamsAsksForTheSignedInUsersTeams() throws StepFailure {
        Object output = delegated().run("listJoinedTeams", Map.of("userId", ""));

        Simulator.Request sent = teams.lastRequest();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/v1.0/me/joinedTeams");
        assertThat(sent.query()).isEqualTo(Map.of("$select", "id,displayName,description,isArchived,tenantId"));
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + TeamsSim.DELEGATED_TOKEN);
        assertThat(output).asInstanceOf(MAP).extractingByKey("value").asInstanceOf(LIST).hasSize(1);
    }

    @Test
    void appOnlyCredentialsGetATokenFromTheTenantOnceAndMustNameTheUser() throws StepFailure {
        ConnectorKit kit = appOnly(TeamsSim.CLIENT_SECRET);
        kit.run("listJoinedTeams", Map.of("userId", TeamsSim.USER));
        kit.run("listChats", Map.of("userId", TeamsSim.USER, "top", 5));

        Simulator.Request tokenRequest = teams.requests("POST", "/.*/oauth2/v2\\.0/token").getFirst();
        assertThat(tokenRequest.path()).isEqualTo("/" + TeamsSim.TENANT + "/oauth2/v2.0/token");
        assertThat(tokenRequest.form()).isEqualTo(Map.of("grant_type", "client_credentials",
                "client_id", TeamsSim.CLIENT_ID, "client_secret", TeamsSim.CLIENT_SECRET,
                "scope", "https://graph.microsoft.com/.default"));
        assertThat(teams.tokensIssued()).isEqualTo(1);
        Simulator.Request chats = teams.lastRequest();
        assertThat(chats.path()).isEqualTo("/v1.0/users/" + TeamsSim.USER + "/chats");
        assertThat(chats.query()).isEqualTo(Map.of("$select", "id,topic,createdDateTime,lastUpdatedDateTime,chatType,webUrl",
                "$top", "5"));
        assertThat(chats.header("authorization")).isEqualTo("Bearer eyJ0eXAiOiJKV1Qi.app-token-1.sig");

        teams.clearRequests();
        assertThat(kit.fail("listJoinedTeams", Map.of()).getMessage()).contains("with.userId is required");
        assertThat(kit.fail("searchMessages", Map.of("query", "malware")).getMessage()).contains("delegated token");
        assertThat(teams.requests()).isEmpty();
    }

    @Test
    void channelsAndMessagesAreReadWithTheCorpussParams() throws StepFailure {
        ConnectorKit kit = delegated();
        kit.run("listChannels", Map.of("teamId", TeamsSim.TEAM));
        assertThat(teams.lastRequest().path()).isEqualTo("/v1.0/teams/" + TeamsSim.TEAM + "/channels");
        assertThat(teams.lastRequest().query()).containsEntry("$select",
                "id,displayName,description,createdDateTime,membershipType,webUrl");

        Object page = kit.run("listChannelMessages", Map.of("teamId", TeamsSim.TEAM, "channelId", TeamsSim.CHANNEL,
                "top", 2));
        assertThat(teams.lastRequest().path()).isEqualTo("/v1.0/teams/" + TeamsSim.TEAM + "/channels/"
                + TeamsSim.CHANNEL + "/messages");
        assertThat(teams.lastRequest().query()).isEqualTo(Map.of("$top", "2"));
        assertThat(page).asInstanceOf(MAP).containsKey("@odata.nextLink").extractingByKey("value")
                .asInstanceOf(LIST).hasSize(2);

        kit.run("listChatMessages", Map.of("chatId", TeamsSim.CHAT, "top", ""));
        assertThat(teams.lastRequest().path()).isEqualTo("/v1.0/chats/" + TeamsSim.CHAT + "/messages");
        assertThat(teams.lastRequest().query()).isEmpty();

        kit.run("listChats", Map.of());
        assertThat(teams.lastRequest().path()).isEqualTo("/v1.0/me/chats");
    }

    @Test
    void searchMessagesSendsGraphsSearchRequest() throws StepFailure {
        Object output = delegated().run("searchMessages", Map.of("query", "malware from:ana", "from", 0, "size", 10,
                "enableTopResults", true));

        Simulator.Request sent = teams.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1.0/search/query");
        assertThat(sent.jsonObject()).isEqualTo(Map.of("requests", List.of(Map.of("entityTypes", List.of("chatMessage"),
                "query", Map.of("queryString", "malware from:ana"), "from", 0L, "size", 10L, "enableTopResults", true))));
        assertThat(output).asInstanceOf(MAP).extractingByKey("value").asInstanceOf(LIST).hasSize(1);
    }

    @Test
    void sendChannelMessagePostsAChatMessageWithADelegatedToken() throws StepFailure {
        Object output = delegated().run("sendChannelMessage", Map.of("teamId", TeamsSim.TEAM,
                "channelId", TeamsSim.CHANNEL, "message", "<b>Contained</b> wks-7", "contentType", "html",
                "subject", "IR-42"));

        Simulator.Request sent = teams.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1.0/teams/" + TeamsSim.TEAM + "/channels/" + TeamsSim.CHANNEL + "/messages");
        assertThat(sent.jsonObject()).isEqualTo(Map.of("body", Map.of("contentType", "html",
                "content", "<b>Contained</b> wks-7"), "subject", "IR-42"));
        assertThat(output).asInstanceOf(MAP).containsEntry("id", "170000001");

        delegated().run("sendChannelMessage", Map.of("teamId", TeamsSim.TEAM, "channelId", TeamsSim.CHANNEL,
                "replyToId", "170000001", "message", "update"));
        assertThat(teams.lastRequest().path()).endsWith("/messages/170000001/replies");
        delegated().run("sendChatMessage", Map.of("chatId", TeamsSim.CHAT, "text", "ping"));
        assertThat(teams.lastRequest().jsonObject()).isEqualTo(Map.of("body", Map.of("contentType", "text",
                "content", "ping")));
        assertThat(teams.posts()).hasSize(3);
    }

    @Test
    void sendingWithAppOnlyCredentialsFailsWithGraphsReasonAndWhatToDo() {
        StepFailure failure = appOnly(TeamsSim.CLIENT_SECRET).fail("sendChannelMessage", Map.of("teamId", TeamsSim.TEAM,
                "channelId", TeamsSim.CHANNEL, "message", "hello"));
        assertThat(failure.getMessage()).contains("HTTP 401").contains("only for import purposes")
                .contains("config.auth: bearer");
        assertThat(teams.posts()).isEmpty();
    }

    @Test
    void graphErrorsCarryGraphsMessageAndAWrongSecretEntrasReason() {
        StepFailure notFound = delegated().fail("listChannels", Map.of("teamId", "nope"));
        assertThat(notFound.getMessage()).contains("HTTP 404 Not Found").contains("No team found with Group Id nope");
        assertThat(notFound.toValue()).containsEntry("statusCode", 404L);

        StepFailure wrong = appOnly("wrong-secret-123").fail("listChannels", Map.of("teamId", TeamsSim.TEAM));
        assertThat(wrong.getMessage()).contains("HTTP 401").contains("AADSTS7000215");
    }

    @Test
    void graphRateLimitsAreRetriedAfterTheWaitGraphAsksFor() throws StepFailure {
        teams.rateLimitNext(1, 1);
        long start = System.nanoTime();
        delegated().run("listChannels", Map.of("teamId", TeamsSim.TEAM));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(teams.requests()).hasSize(2);

        teams.rateLimitNext(3, 1);
        StepFailure failure = delegated().fail("listChannels", Map.of("teamId", TeamsSim.TEAM));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat(failure.getMessage()).contains("HTTP 429");
    }

    @Test
    void testConnectionReadsTeamsWithGraphAndLeavesAWebhookAlone() throws StepFailure {
        assertThat(appOnly(TeamsSim.CLIENT_SECRET).test()).contains("app's credentials").contains("1 teams");
        assertThat(teams.lastRequest().path()).isEqualTo("/v1.0/teams");
        assertThat(delegated().test()).contains("1 teams");
        assertThat(teams.lastRequest().path()).isEqualTo("/v1.0/me/joinedTeams");

        teams.clearRequests();
        assertThat(webhook(teams.workflowUrl(), Map.of()).test()).contains("nothing was sent");
        assertThat(teams.requests()).isEmpty();
    }
}
