package dev.vigil.steps.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.ExecutionStatus;
import dev.vigil.engine.StepExecution;
import dev.vigil.sims.OpenAiSim;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AiClassifyStepTest {

    final AiFixture ai = new AiFixture();

    @AfterEach
    void close() {
        ai.close();
    }

    @Test
    void theRequestCarriesTheDataTheCategoriesAsAnEnumAndTheRules() {
        ai.sim.reply(OpenAiSim.Reply.json(Map.of("category", "security alert", "rationale", "It names malware."))
                .usage(120, 14));
        AiFixture.Run run = ai.run("""
                name: triage
                triggers: [{type: manual}]
                consts:
                  alert: {title: Malware found, host: wks-7}
                steps:
                  - name: identify_type
                    type: ai.classify
                    connector-id: openai
                    with:
                      input: "${{ consts.alert }}"
                      includeRationale: true
                      categories: ["security alert", "observability alert"]
                      fallbackCategory: other
                      instructions: Alerts about hosts are security alerts.
                      temperature: 0
                """);

        Map<String, Object> sent = ai.chat(0);
        assertThat(sent.get("model")).isEqualTo("gpt-4o-mini");
        assertThat(sent.get("temperature")).isEqualTo(0L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) sent.get("messages");
        assertThat(messages).extracting(m -> m.get("role")).containsExactly("system", "user", "user", "user");
        assertThat((String) messages.get(0).get("content")).startsWith("You classify data into predefined categories.");
        assertThat(messages.get(1).get("content"))
                .isEqualTo("Data to classify:\n```json\n{\"title\":\"Malware found\",\"host\":\"wks-7\"}\n```");
        assertThat(messages.get(2).get("content")).isEqualTo("""
                Available categories:
                - security alert
                - observability alert

                Classification rules:
                - If the data matches none of the categories clearly, use the fallback category: other
                - Select exactly one category and return it in the "category" field.
                - Explain briefly why in the "rationale" field.""");
        assertThat(messages.get(3).get("content"))
                .isEqualTo("Additional classification instructions:\nAlerts about hosts are security alerts.");
        assertThat(sent.get("response_format")).isEqualTo(Map.of("type", "json_schema", "json_schema", Map.of(
                "name", "classification", "strict", true, "schema", Map.of("type", "object",
                        "properties", Map.of("category", Map.of("type", "string", "enum",
                                        List.of("security alert", "observability alert", "other")),
                                "rationale", Map.of("type", "string")),
                        "required", List.of("category", "rationale"), "additionalProperties", false))));

        assertThat(run.output("identify_type")).isEqualTo(Map.of("category", "security alert",
                "rationale", "It names malware.", "metadata", Map.of("model", "gpt-4o-mini-2024-07-18",
                        "connector", "openai", "finish_reason", "stop",
                        "usage", Map.of("prompt_tokens", 120L, "completion_tokens", 14L, "total_tokens", 134L))));
    }

    @Test
    void anAnswerInAnotherCaseIsTheCategoryAsWritten() {
        ai.sim.reply(OpenAiSim.Reply.json(Map.of("category", " Security Alert")));
        AiFixture.Run run = ai.run(workflow("[\"security alert\", \"observability alert\"]", ""));
        assertThat(run.output("classify")).containsEntry("category", "security alert").doesNotContainKey("rationale");
    }

    @Test
    void anUnlistedAnswerBecomesTheFallbackCategory() {
        ai.sim.reply(OpenAiSim.Reply.json(Map.of("category", "network alert")));
        AiFixture.Run run = ai.run(workflow("[\"security alert\", \"observability alert\"]", "fallbackCategory: other"));
        assertThat(run.output("classify")).containsEntry("category", "other");
        assertThat(run.output("classify").get("metadata")).asString().contains("unexpected=[network alert]");
        assertThat(run.logLines()).contains("warn ai.classify: the model answered [network alert], not among the"
                + " categories; using [other]");
    }

    @Test
    void anUnlistedAnswerWithoutAFallbackFailsTheStep() {
        ai.sim.reply(OpenAiSim.Reply.json(Map.of("category", "network alert")));
        AiFixture.Run run = ai.run(workflow("[\"security alert\", \"observability alert\"]", ""));
        assertThat(run.record().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(run.error("classify")).containsEntry("type", "UnexpectedCategory").containsEntry("message",
                "ai.classify: the model answered [network alert], which is none of the categories"
                        + " [security alert, observability alert], and with.fallbackCategory is not set");
    }

    @Test
    void severalCategoriesComeBackAsAListOfKnownOnes() {
        ai.sim.reply(OpenAiSim.Reply.json(Map.of("categories", List.of("phishing", "MALWARE", "spam"))));
        AiFixture.Run run = ai.run(workflow("[phishing, malware, ransomware]", "allowMultipleCategories: true"));
        assertThat(run.output("classify")).containsEntry("categories", List.of("phishing", "malware"));
        assertThat(run.output("classify").get("metadata")).asString().contains("unexpected=[spam]");
        Map<?, ?> schema = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ai.chat(0).get("response_format")).get("json_schema"))
                .get("schema");
        assertThat(schema.get("properties")).isEqualTo(Map.of("categories", Map.of("type", "array", "items",
                Map.of("type", "string", "enum", List.of("phishing", "malware", "ransomware")))));
    }

    @Test
    void anAnswerWithoutTheCategoryFieldIsAskedForAgain() {
        ai.sim.reply(OpenAiSim.Reply.json(Map.of("label", "phishing")), OpenAiSim.Reply.json(Map.of("category", "phishing")));
        AiFixture.Run run = ai.run(workflow("[phishing, malware]", ""));
        assertThat(run.output("classify")).containsEntry("category", "phishing");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> retry = (List<Map<String, Object>>) ai.chat(1).get("messages");
        assertThat((String) retry.getLast().get("content")).contains("required property 'category' not found");
    }

    @Test
    void aWorkflowSwitchesOnTheCategory() {
        ai.sim.reply(OpenAiSim.Reply.json(Map.of("category", "phishing")), OpenAiSim.Reply.json(Map.of("category", "benign")));
        String yaml = """
                name: route-by-ai
                triggers: [{type: manual, inputs: [{name: subject, type: string}]}]
                steps:
                  - name: kind
                    type: ai.classify
                    with:
                      input: "{{ inputs.subject }}"
                      categories: [phishing, malware, benign]
                  - name: route
                    type: switch
                    expression: "{{ steps.kind.output.category }}"
                    cases:
                      - match: phishing
                        steps:
                          - {name: quarantine, type: console, with: {message: "quarantine: {{ inputs.subject }}"}}
                      - match: malware
                        steps:
                          - {name: isolate, type: console, with: {message: isolate}}
                    default:
                      - {name: close, type: console, with: {message: "closed as {{ steps.kind.output.category }}"}}
                """;
        AiFixture.Run phishing = ai.run(yaml, Map.of("subject", "Reset your password now"));
        assertThat(phishing.record().status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(phishing.steps()).extracting(StepExecution::name).containsExactly("kind", "route", "quarantine");
        assertThat(phishing.step("quarantine").output()).isEqualTo("quarantine: Reset your password now");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> messages = (List<Map<String, Object>>) ai.chat(0).get("messages");
        assertThat(messages.get(1).get("content")).isEqualTo("Data to classify:\n```text\nReset your password now\n```");

        AiFixture.Run benign = ai.run(yaml, Map.of("subject", "Lunch menu"));
        assertThat(benign.steps()).extracting(StepExecution::name).containsExactly("kind", "route", "close");
        assertThat(benign.step("close").output()).isEqualTo("closed as benign");
    }

    private static String workflow(String categories, String more) {
        return """
                name: classify
                triggers: [{type: manual}]
                steps:
                  - name: classify
                    type: ai.classify
                    with:
                      input: "some alert"
                      categories: %s
                      %s
                """.formatted(categories, more);
    }
}
