package dev.vigil.connectors.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.vigil.connectors.ConnectorKit;
import dev.vigil.sims.Simulator;
import dev.vigil.sims.SlackSim;
import dev.vigil.steps.StepFailure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackConnectorTest {

    final SlackSim slack = new SlackSim();

    @AfterEach
    void close() {
        slack.close();
    }

    ConnectorKit api(Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(config);
        all.put("baseUrl", slack.url() + "/api");
        return new ConnectorKit(new SlackConnector(), all, Map.of("token", SlackSim.TOKEN));
    }

    ConnectorKit api() {
        return api(Map.of());
    }

    ConnectorKit webhook(String url) {
        return new ConnectorKit(new SlackConnector(), Map.of(), Map.of("webhookUrl", url));
    }

    @Test
    void theStepFormPostsTheMessageToTheWebhookAsKibanaDoes() throws StepFailure {
        Object output = webhook(slack.webhookUrl()).run(null, Map.of("message", "Malware on wks-7"));

        Simulator.Request sent = slack.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo(SlackSim.WEBHOOK_PATH);
        assertThat(sent.header("content-type")).startsWith("application/json");
        assertThat(sent.header("authorization")).isNull();
        assertThat(sent.jsonObject()).isEqualTo(Map.of("text", "Malware on wks-7"));
        assertThat(output).isEqualTo(Map.of("text", "ok"));
    }

    @Test
    void aWebhookErrorFailsWithSlacksWordsAndHidesTheWebhooksSecretPath() {
        slack.failNext(1, Simulator.Response.text(404, "no_service"));
        StepFailure failure = webhook(slack.webhookUrl()).fail(null, Map.of("message", "hello"));

        assertThat(failure.type()).isEqualTo("ConnectorExecutionError");
        assertThat(failure.getMessage()).contains("HTTP 404").contains("no_service");
        assertThat(dev.vigil.secrets.KnownSecrets.redact(failure.getMessage())).doesNotContain("hooksecret12345");
    }

    @Test
    void aWebhookStepWithoutAMessageIsRefusedBeforeAnythingIsSent() {
        StepFailure failure = webhook(slack.webhookUrl()).fail(null, Map.of());
        assertThat(failure.getMessage()).contains("with.message is required");
        assertThat(slack.requests()).isEmpty();
    }

    @Test
    void postMessageTakesKibanasChannelIdsAndSendsTheBotTokenAndJson() throws StepFailure {
        Object output = api().run("postMessage", Map.of("channelIds", List.of("C0SOC"), "text", "Contain wks-7?"));

        Simulator.Request sent = slack.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/chat.postMessage");
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + SlackSim.TOKEN);
        assertThat(sent.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(sent.jsonObject()).isEqualTo(Map.of("channel", "C0SOC", "text", "Contain wks-7?"));
        assertThat(output).asInstanceOf(MAP).containsEntry("ok", true).containsEntry("channel", "C0SOC")
                .containsKey("ts").doesNotContainKey("warning");
    }

    @Test
    void slack2SendMessageTakesTheCorpusParamsAndThreadsReplies() throws StepFailure {
        api().run("sendMessage", Map.of("channel", "C0GEN", "text", "<@U0BEN> Welcome!", "threadTs",
                "1700000000.000001", "unfurlLinks", false));

        assertThat(slack.lastRequest().jsonObject()).isEqualTo(Map.of("channel", "C0GEN", "text", "<@U0BEN> Welcome!",
                "thread_ts", "1700000000.000001", "unfurl_links", false));
        assertThat(slack.posted()).hasSize(1);
    }

    @Test
    void blocksAreSentAsBlockKitWhetherGivenAsAListOrAsTheCorpussJsonText() throws StepFailure {
        Map<String, Object> section = Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*High*"));
        api().run("postMessage", Map.of("channel", "C0SOC", "text", "fallback", "blocks", List.of(section)));
        assertThat(slack.lastRequest().jsonObject()).containsEntry("blocks", List.of(section));

        api().run("postMessage", Map.of("channel", "C0SOC", "text", "fallback",
                "blocks", "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*High*\"}}]"));
        assertThat(slack.lastRequest().jsonObject()).containsEntry("blocks", List.of(section));

        StepFailure failure = api().fail("postMessage", Map.of("channel", "C0SOC", "blocks", "[{not json"));
        assertThat(failure.getMessage()).contains("with.blocks is not valid Block Kit JSON");
    }

    @Test
    void postBlockkitTakesKibanasTextOfBlockKitJson() throws StepFailure {
        api().run("postBlockkit", Map.of("channelIds", List.of("C0SOC"),
                "text", "{\"blocks\":[{\"type\":\"divider\"},{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"Alert\"}}]}"));

        assertThat(slack.lastRequest().jsonObject()).isEqualTo(Map.of("channel", "C0SOC", "blocks", List.of(
                Map.of("type", "divider"), Map.of("type", "header", "text", Map.of("type", "plain_text", "text", "Alert")))));
    }

    @Test
    void slacksOkFalseAnswersFailTheStepWithSlacksErrorCode() {
        StepFailure failure = api().fail("postMessage", Map.of("channel", "C0NOPE", "text", "hi"));

        assertThat(failure.type()).isEqualTo("ConnectorExecutionError");
        assertThat(failure.getMessage()).isEqualTo("slack.postMessage: Slack chat.postMessage answered channel_not_found");
        assertThat(failure.details()).containsEntry("error", "channel_not_found").containsEntry("status", 200L);

        assertThat(api().fail("sendMessage", Map.of("channel", "C0OLD", "text", "hi")).getMessage())
                .endsWith("answered is_archived");
    }

    @Test
    void aWrongTokenFailsWithInvalidAuth() {
        ConnectorKit kit = new ConnectorKit(new SlackConnector(), Map.of("baseUrl", slack.url() + "/api"),
                Map.of("token", "xoxb-wrong-token-000"));
        assertThat(kit.fail("postMessage", Map.of("channel", "C0SOC", "text", "hi")).details())
                .containsEntry("error", "invalid_auth");
    }

    @Test
    void createConversationSendsNameAndPrivacyAndOutputsTheNewChannel() throws StepFailure {
        Object output = api().run("createConversation", Map.of("name", "ir-2024-07", "isPrivate", false));

        Simulator.Request sent = slack.lastRequest();
        assertThat(sent.path()).isEqualTo("/api/conversations.create");
        assertThat(sent.jsonObject()).isEqualTo(Map.of("name", "ir-2024-07", "is_private", false));
        assertThat(output).asInstanceOf(MAP).extractingByKey("channel").asInstanceOf(MAP)
                .containsEntry("name", "ir-2024-07").containsEntry("is_private", false);

        api().run("createChannel", Map.of("name", "ir-secret", "is_private", true));
        assertThat(slack.lastRequest().jsonObject()).containsEntry("is_private", true);

        StepFailure taken = api().fail("createChannel", Map.of("name", "general"));
        assertThat(taken.details()).containsEntry("error", "name_taken");
    }

    @Test
    void inviteToConversationJoinsUserIdsAsSlackWantsThem() throws StepFailure {
        Object output = api().run("inviteToConversation", Map.of("channel", "C0SOC", "users", "U0BEN, U0CAT"));

        Simulator.Request sent = slack.lastRequest();
        assertThat(sent.path()).isEqualTo("/api/conversations.invite");
        assertThat(sent.jsonObject()).isEqualTo(Map.of("channel", "C0SOC", "users", "U0BEN,U0CAT"));
        assertThat(output).asInstanceOf(MAP).containsEntry("ok", true);
        assertThat(slack.channel("C0SOC").members()).contains("U0BEN", "U0CAT");

        api().run("invite", Map.of("channelId", "C0GEN", "users", List.of("U0CAT")));
        assertThat(slack.lastRequest().jsonObject()).isEqualTo(Map.of("channel", "C0GEN", "users", "U0CAT"));

        assertThat(api().fail("invite", Map.of("channel", "C0SOC", "users", "U0ANA")).getMessage())
                .endsWith("answered already_in_channel");
    }

    @Test
    void getChannelsListsConversationsWithoutArchivedOnes() throws StepFailure {
        Object output = api().run("getChannels", Map.of());

        Simulator.Request sent = slack.lastRequest();
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.path()).isEqualTo("/api/conversations.list");
        assertThat(sent.query()).containsEntry("types", "public_channel,private_channel")
                .containsEntry("exclude_archived", "true").containsEntry("limit", "200");
        assertThat(sent.header("authorization")).isEqualTo("Bearer " + SlackSim.TOKEN);
        List<?> channels = (List<?>) ((Map<?, ?>) output).get("channels");
        assertThat(channels.stream().map(c -> (Object) ((Map<?, ?>) c).get("id")).toList())
                .containsExactly((Object) "C0GEN", "C0SOC", "G0IR");
    }

    @Test
    void validChannelIdAsksConversationsInfo() throws StepFailure {
        Object output = api().run("validChannelId", Map.of("channelId", "G0IR"));
        assertThat(slack.lastRequest().query()).isEqualTo(Map.of("channel", "G0IR"));
        assertThat(output).asInstanceOf(MAP).extractingByKey("channel").asInstanceOf(MAP).containsEntry("id", "G0IR");

        assertThat(api().fail("validChannelId", Map.of("channelId", "C0NOPE")).details())
                .containsEntry("error", "channel_not_found");
    }

    @Test
    void retryAfterIsHonouredAndATooLongWaitFailsAsRateLimited() throws StepFailure {
        slack.rateLimitNext(1, 1);
        long start = System.nanoTime();
        api().run("postMessage", Map.of("channel", "C0SOC", "text", "one"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(slack.requests()).hasSize(2);
        assertThat(slack.posted()).hasSize(1);

        slack.rateLimitNext(1, 90);
        StepFailure failure = api().remaining(Duration.ofSeconds(5)).fail("postMessage",
                Map.of("channel", "C0SOC", "text", "two"));
        assertThat(failure.type()).isEqualTo("RateLimited");
        assertThat(failure.details()).containsEntry("retryAfterSeconds", 90L);
        assertThat(slack.posted()).hasSize(1);
    }

    @Test
    void allowedChannelsKeepsTheBotOutOfOtherChannels() throws StepFailure {
        ConnectorKit kit = api(Map.of("allowedChannels", List.of(Map.of("id", "C0SOC", "name", "#soc-alerts"))));
        kit.run("postMessage", Map.of("channel", "#soc-alerts", "text", "ok"));
        kit.run("postMessage", Map.of("channel", "C0SOC", "text", "ok"));

        StepFailure failure = kit.fail("postMessage", Map.of("channel", "C0GEN", "text", "nope"));
        assertThat(failure.getMessage()).contains("channel C0GEN is not in the connector's allowedChannels");
        assertThat(slack.posted()).hasSize(2);
    }

    @Test
    void withATokenOnlyTheStepFormPostsToTheDefaultChannel() throws StepFailure {
        api(Map.of("defaultChannel", "C0SOC")).run(null, Map.of("message", "digest ready"));
        assertThat(slack.lastRequest().jsonObject()).isEqualTo(Map.of("channel", "C0SOC", "text", "digest ready"));

        StepFailure failure = api().fail(null, Map.of("message", "where to?"));
        assertThat(failure.getMessage()).contains("with.channel is required (or config.defaultChannel");
    }

    @Test
    void testConnectionChecksTheTokenWithAuthTestAndAWebhookWithoutPosting() throws StepFailure {
        assertThat(api().test()).contains("workspace Vigil Test");
        assertThat(slack.lastRequest().path()).isEqualTo("/api/auth.test");

        assertThat(webhook(slack.webhookUrl()).test()).contains("live").contains("no_text");
        assertThat(slack.webhookPosts()).isEmpty();

        StepFailure dead = assertFails(() -> webhook(slack.url() + "/services/T0TEST/B0HOOK/revoked000").test());
        assertThat(dead.getMessage()).contains("HTTP 403").contains("invalid_token");
    }

    interface Action {
        Object run() throws StepFailure;
    }

    static StepFailure assertFails(Action action) {
        try {
            throw new AssertionError("expected a failure, got " + action.run());
        } catch (StepFailure failure) {
            return failure;
        }
    }
}
