package dev.vigil.connectors.elastic;

import static dev.vigil.connectors.elastic.ElasticsearchRequestsTest.json;
import static dev.vigil.connectors.elastic.ElasticsearchRequestsTest.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.steps.StepFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kibana and security request builders as pure functions. */
class KibanaRequestsTest {

    static String failure(ThrowingBuild build) {
        try {
            ApiRequest request = build.run();
            throw new AssertionError("expected a refusal, got " + request);
        } catch (StepFailure e) {
            assertThat(e.type()).isEqualTo("ConnectorExecutionError");
            return e.getMessage();
        }
    }

    interface ThrowingBuild {
        ApiRequest run() throws StepFailure;
    }

    @Test
    void requestAddsXsrfAndJsonContentTypeAndKeepsTheWorkflowsOwnHeaders() throws StepFailure {
        ApiRequest r = KibanaRequests.build("request", with("method", "post", "path", "/api/workflows/wf-1/run",
                "body", Map.of("inputs", Map.of("a", 1L)),
                "headers", with("kbn-xsrf", "workflow", "x-elastic-internal-origin", "Kibana")), "default");
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/api/workflows/wf-1/run");
        assertThat(r.headers()).containsOnly(Map.entry("kbn-xsrf", "workflow"), Map.entry("Content-Type", "application/json"),
                Map.entry("x-elastic-internal-origin", "Kibana"));
        assertThat(json(r)).isEqualTo(Map.of("inputs", Map.of("a", 1L)));
    }

    @Test
    void requestDefaultsToGetWithItsQuery() throws StepFailure {
        ApiRequest r = KibanaRequests.build("request", with("path", "/api/endpoint/action",
                "query", with("agentIds", "a-1", "commands", List.of("execute", "get-file"), "pageSize", 1L)), null);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.query()).containsExactly(Map.entry("agentIds", "a-1"), Map.entry("commands", "execute,get-file"),
                Map.entry("pageSize", "1"));
        assertThat(r.body()).isEqualTo(ApiRequest.NO_BODY);
        assertThat(r.headers()).containsEntry("kbn-xsrf", "true");
    }

    @Test
    void theConnectorsSpaceIsPutBeforeThePathUnlessItIsDefaultOrThePathNamesOne() throws StepFailure {
        assertThat(KibanaRequests.build("request", with("path", "/api/status"), "soc").path())
                .isEqualTo("/s/soc/api/status");
        assertThat(KibanaRequests.build("request", with("path", "/api/status"), "default").path())
                .isEqualTo("/api/status");
        assertThat(KibanaRequests.build("request", with("path", "/s/other/api/status"), "soc").path())
                .isEqualTo("/s/other/api/status");
        assertThat(KibanaRequests.build("SetAlertsStatus", with("status", "open", "signal_ids", List.of("a")), "soc")
                .path()).isEqualTo("/s/soc/api/detection_engine/signals/status");
    }

    @Test
    void metaFlagsAndFetcherOptionsAreNeverSent() throws StepFailure {
        // the corpus's SetAlertsStatus steps carry fetcher.skip_ssl_verification
        ApiRequest r = KibanaRequests.build("SetAlertsStatus", with("status", "in-progress",
                "signal_ids", List.of("a-1"), "fetcher", Map.of("skip_ssl_verification", true),
                "use_server_info", true, "debug", true), null);
        assertThat(json(r)).isEqualTo(Map.of("status", "in-progress", "signal_ids", List.of("a-1")));
        ApiRequest raw = KibanaRequests.build("request", with("path", "/api/x", "use_localhost", true,
                "fetcher", Map.of()), null);
        assertThat(raw.query()).isEmpty();
        assertThat(raw.body()).isEqualTo(ApiRequest.NO_BODY);
    }

    @Test
    void setAlertsStatusAndSetAlertTagsPostTheirBodies() throws StepFailure {
        ApiRequest status = KibanaRequests.build("SetAlertsStatus", with("status", "closed", "reason", "false_positive",
                "signal_ids", List.of("a-1", "a-2")), null);
        assertThat(status.method()).isEqualTo("POST");
        assertThat(status.path()).isEqualTo("/api/detection_engine/signals/status");
        assertThat(json(status)).isEqualTo(Map.of("status", "closed", "reason", "false_positive",
                "signal_ids", List.of("a-1", "a-2")));

        ApiRequest byQuery = KibanaRequests.build("SetAlertsStatus", with("status", "acknowledged",
                "query", Map.of("bool", Map.of("filter", List.of())), "conflicts", "proceed"), null);
        assertThat(json(byQuery)).isEqualTo(Map.of("status", "acknowledged", "conflicts", "proceed",
                "query", Map.of("bool", Map.of("filter", List.of()))));

        ApiRequest tags = KibanaRequests.build("SetAlertTags", with("ids", List.of("a-1"),
                "tags", Map.of("tags_to_add", List.of("AI: true positive"), "tags_to_remove", List.of())), null);
        assertThat(tags.path()).isEqualTo("/api/detection_engine/signals/tags");
        assertThat(json(tags)).isEqualTo(Map.of("ids", List.of("a-1"),
                "tags", Map.of("tags_to_add", List.of("AI: true positive"), "tags_to_remove", List.of())));
    }

    @Test
    void readAndFindActionsTakeTheirParamsInTheQueryString() throws StepFailure {
        ApiRequest read = KibanaRequests.build("ReadRule", with("rule_id", "r-1"), null);
        assertThat(read.method()).isEqualTo("GET");
        assertThat(read.path()).isEqualTo("/api/detection_engine/rules");
        assertThat(read.query()).containsExactly(Map.entry("rule_id", "r-1"));
        assertThat(read.body()).isEqualTo(ApiRequest.NO_BODY);

        ApiRequest find = KibanaRequests.build("FindRules", with("filter", "alert.attributes.enabled: true",
                "per_page", 1L, "fields", List.of("name", "enabled")), null);
        assertThat(find.query()).containsExactly(Map.entry("filter", "alert.attributes.enabled: true"),
                Map.entry("per_page", "1"), Map.entry("fields", "name,enabled"));

        ApiRequest exceptions = KibanaRequests.build("CreateRuleExceptionListItems", with("id", "rule/1",
                "items", List.of(Map.of("name", "n"))), "soc");
        assertThat(exceptions.path()).isEqualTo("/s/soc/api/detection_engine/rules/rule%2F1/exceptions");
        assertThat(json(exceptions)).isEqualTo(Map.of("items", List.of(Map.of("name", "n"))));

        ApiRequest patch = KibanaRequests.build("PatchRule", with("rule_id", "r-1", "enabled", false), null);
        assertThat(patch.method()).isEqualTo("PATCH");
        assertThat(json(patch)).isEqualTo(Map.of("rule_id", "r-1", "enabled", false));
    }

    @Test
    void unknownActionsPointToKibanaRequest() {
        assertThat(failure(() -> KibanaRequests.build("CreateSlo", with("name", "x"), null)))
                .contains("kibana.CreateSlo: Vigil does not know this Kibana API; use kibana.request")
                .contains("SetAlertsStatus");
        assertThat(failure(() -> KibanaRequests.build("request", with("method", "GET"), null)))
                .contains("kibana.request: with.path is required");
    }

    @Test
    void theOlderRequestFormWorksForAnyAction() throws StepFailure {
        ApiRequest r = KibanaRequests.build("SetAlertsStatus", with("request", Map.of("method", "POST",
                "path", "/api/detection_engine/signals/status", "body", Map.of("status", "open"))), "soc");
        assertThat(r.path()).isEqualTo("/s/soc/api/detection_engine/signals/status");
        assertThat(json(r)).isEqualTo(Map.of("status", "open"));
    }

    @Test
    void securitySetAlertStatusTakesOneIdOrManyAndACloseReason() throws StepFailure {
        ApiRequest one = SecurityAlertActions.build("setAlertStatus", with("alert_ids", "a-1",
                "status", "acknowledged"), null);
        assertThat(one.method()).isEqualTo("POST");
        assertThat(one.path()).isEqualTo("/api/detection_engine/signals/status");
        assertThat(one.headers()).containsEntry("kbn-xsrf", "true");
        assertThat(json(one)).isEqualTo(Map.of("signal_ids", List.of("a-1"), "status", "acknowledged"));

        ApiRequest closed = SecurityAlertActions.build("setAlertStatus", with("alert_ids", List.of("a-1", "a-2"),
                "status", "closed", "close_reason", "false_positive"), "soc");
        assertThat(closed.path()).isEqualTo("/s/soc/api/detection_engine/signals/status");
        assertThat(json(closed)).isEqualTo(Map.of("signal_ids", List.of("a-1", "a-2"), "status", "closed",
                "reason", "false_positive"));
        assertThat(SecurityAlertActions.output("setAlertStatus", with("alert_ids", List.of("a-1", "a-2"),
                "status", "closed"))).isEqualTo(Map.of("success", true,
                "message", "Successfully updated status to closed for 2 alert(s)"));
    }

    @Test
    void securitySetAlertStatusRefusesWhatKibanaWouldRefuse() {
        assertThat(failure(() -> SecurityAlertActions.build("setAlertStatus", with("status", "open"), null)))
                .contains("security.setAlertStatus: with.alert_ids is required");
        assertThat(failure(() -> SecurityAlertActions.build("setAlertStatus", with("alert_ids", "a",
                "status", "in-progress"), null))).contains("with.status must be open, acknowledged or closed");
        assertThat(failure(() -> SecurityAlertActions.build("setAlertStatus", with("alert_ids", "a",
                "status", "open", "close_reason", "duplicate"), null))).contains("only valid with status: closed");
    }

    @Test
    void securityTagsAndAssigneesAddAndRemove() throws StepFailure {
        ApiRequest tags = SecurityAlertActions.build("setAlertTags", with("alert_ids", List.of("a-1"),
                "tags_to_add", List.of("escalated"), "tags_to_remove", "needs-review"), null);
        assertThat(tags.path()).isEqualTo("/api/detection_engine/signals/tags");
        assertThat(json(tags)).isEqualTo(Map.of("ids", List.of("a-1"),
                "tags", Map.of("tags_to_add", List.of("escalated"), "tags_to_remove", List.of("needs-review"))));

        ApiRequest assign = SecurityAlertActions.build("assignAlert", with("alert_ids", "a-1",
                "assignees_to_add", List.of("u-1")), null);
        assertThat(assign.path()).isEqualTo("/api/detection_engine/signals/assignees");
        assertThat(json(assign)).isEqualTo(Map.of("ids", List.of("a-1"),
                "assignees", Map.of("add", List.of("u-1"), "remove", List.of())));

        assertThat(failure(() -> SecurityAlertActions.build("setAlertTags", with("alert_ids", "a"), null)))
                .contains("give with.tags_to_add or with.tags_to_remove");
        assertThat(failure(() -> SecurityAlertActions.build("setAlertTags", with("alert_ids", "a",
                "tags_to_add", List.of("x"), "tags_to_remove", List.of("x")), null)))
                .contains("[x] is in both with.tags_to_add and with.tags_to_remove");
    }
}
