package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.enrichment.Enrichments;
import dev.vigil.model.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Indicator workflows over real HTTP: alerts posted to the API open investigations, whose indicators start a
 * workflow that asks a reputation service on 127.0.0.1; its answer is attached to the investigation, and reused for
 * the same indicator within the TTL instead of asking again.
 */
class EnrichmentApiTest extends ApiTest {

    private static final String TOR_EXIT = "185.220.101.4";

    private ReputationService reputation;
    private String workflowId;

    @BeforeEach
    void startTheReputationServiceAndItsWorkflow() {
        reputation = new ReputationService();
        workflowId = activate("""
                name: ip-reputation
                triggers:
                  - type: indicator
                    with: {types: [ipv4]}
                steps:
                  - name: lookup
                    type: http
                    with:
                      url: "%s/ip/{{ event.indicator.value }}"
                  - name: verdict
                    type: workflow.output
                    with:
                      verdict: "{{ steps.lookup.output.data.verdict }}"
                """.formatted(reputation.url()));
    }

    @AfterEach
    void stopTheReputationService() {
        reputation.close();
    }

    private String activate(String yaml) {
        String id = (String) api.post("/api/workflows/workflow", ApiFixture.EDITOR, Json.write(Map.of("yaml", yaml)))
                .map().get("id");
        assertThat(api.post("/api/workflows/workflow/" + id + "/activate", ApiFixture.EDITOR, null).status())
                .isEqualTo(200);
        return id;
    }

    private static Map<String, Object> alert(String uuid, String host, String message) {
        return Map.of("alerts", List.of(Map.of("kibana.alert.uuid", uuid, "kibana.alert.rule.name", "Beacon",
                "kibana.alert.severity", "high", "host.name", host, "message", message)),
                "rule", Map.of("id", "r-beacon", "name", "Beacon"));
    }

    /** Posts alerts (one, or several in one batch) and returns the investigation of each. */
    @SafeVarargs
    private List<String> post(Map<String, Object>... alerts) {
        ApiFixture.Answer answer = api.post("/api/alerts", ApiFixture.RESPONDER,
                Json.write(alerts.length == 1 ? alerts[0] : List.of(alerts)));
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(202);
        assertThat((List<?>) answer.map().get("alerts")).allSatisfy(a ->
                assertThat((List<?>) ((Map<?, ?>) a).get("problems")).isEmpty());
        return ((List<?>) answer.map().get("alerts")).stream()
                .map(a -> (String) ((Map<?, ?>) a).get("investigationId")).toList();
    }

    private String investigationOf(Map<String, Object> alert) {
        return post(alert).getFirst();
    }

    private Map<String, Object> investigation(String id) {
        ApiFixture.Answer answer = api.get("/api/investigations/" + id, ApiFixture.VIEWER);
        assertThat(answer.status()).isEqualTo(200);
        return answer.map();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> investigation, String key) {
        return (List<Map<String, Object>>) investigation.get(key);
    }

    /** The investigation once it has {@code count} enrichments and none is running (30 s at most). */
    private Map<String, Object> awaitEnriched(String id, int count) throws InterruptedException {
        return await(id, i -> list(i, "enrichments").size() == count
                && list(i, "enrichments").stream().noneMatch(e -> "running".equals(e.get("status"))));
    }

    private Map<String, Object> await(String id, Predicate<Map<String, Object>> done) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L; // generous: a loaded CI machine is slow, a pass is fast
        while (System.nanoTime() < deadline) {
            Map<String, Object> investigation = investigation(id);
            if (done.test(investigation)) {
                return investigation;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("investigation " + id + " did not get there in 30 s: " + investigation(id));
    }

    private static List<String> kinds(Map<String, Object> investigation) {
        return list(investigation, "timeline").stream().map(e -> (String) e.get("kind")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anIndicatorIsLookedUpOnceAndAnotherInvestigationGetsTheCachedAnswerUntilTheTtlEnds() throws Exception {
        String first = investigationOf(alert("a-1", "wks-1", "beacon to " + TOR_EXIT));
        Map<String, Object> looked = awaitEnriched(first, 1);
        Map<String, Object> ran = list(looked, "enrichments").getFirst();
        assertThat(ran).containsEntry("indicator", Map.of("type", "ipv4", "value", TOR_EXIT))
                .containsEntry("workflowId", workflowId).containsEntry("workflowVersion", 1L)
                .containsEntry("status", "completed").containsEntry("output", Map.of("verdict", "malicious"))
                .containsEntry("cached", false);
        assertThat(ran.get("at")).isNotNull().isEqualTo(ran.get("lookedUpAt"));
        String job = (String) ran.get("executionId");
        Map<String, Object> detail = awaitEnd(job);
        assertThat(detail).containsEntry("triggeredBy", "indicator");
        assertThat((Map<String, Object>) detail.get("metadata")).containsEntry("investigationId", first)
                .containsKey("enrichmentLookupId");
        assertThat(kinds(await(first, i -> kinds(i).contains("enriched")))).containsSubsequence("alert_added",
                "job_started", "job_finished", "enriched");
        assertThat(reputation.requests(TOR_EXIT)).isEqualTo(1);

        String second = investigationOf(alert("a-2", "wks-2", "also beacons to " + TOR_EXIT));
        assertThat(second).isNotEqualTo(first);
        Map<String, Object> cached = list(awaitEnriched(second, 1), "enrichments").getFirst();
        assertThat(cached).containsEntry("cached", true).containsEntry("status", "completed")
                .containsEntry("executionId", job).containsEntry("output", Map.of("verdict", "malicious"))
                .containsEntry("lookedUpAt", ran.get("lookedUpAt"));
        assertThat(reputation.requests(TOR_EXIT)).as("the cached answer is not asked again").isEqualTo(1);
        Map<String, Object> entry = list(investigation(second), "timeline").stream()
                .filter(e -> "enriched".equals(e.get("kind"))).findFirst().orElseThrow();
        assertThat((Map<String, Object>) entry.get("refs")).containsEntry("cached", "true")
                .containsEntry("executionId", job).containsEntry("indicatorValue", TOR_EXIT);
        assertThat(kinds(investigation(second))).doesNotContain("job_started");

        api.alertClockSkew.set(Enrichments.DEFAULT_TTL.plusMinutes(1));
        String later = investigationOf(alert("a-3", "wks-3", "beacon to " + TOR_EXIT + " again"));
        Map<String, Object> again = list(awaitEnriched(later, 1), "enrichments").getFirst();
        assertThat(again).containsEntry("cached", false).containsEntry("status", "completed");
        assertThat(again.get("executionId")).isNotEqualTo(job);
        assertThat(reputation.requests(TOR_EXIT)).as("past the TTL the service is asked again").isEqualTo(2);
    }

    @Test
    void investigationsGainingAnIndicatorWhileItIsLookedUpShareThatLookup() throws Exception {
        reputation.hold();
        // one batch: the second alert is grouped while the first one's lookup waits for the service
        List<String> ids = post(alert("b-1", "wks-1", "beacon to " + TOR_EXIT),
                alert("b-2", "wks-2", "beacon to " + TOR_EXIT));
        assertThat(ids.get(1)).isNotEqualTo(ids.get(0));
        assertThat(list(investigation(ids.get(1)), "enrichments")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("status", "running").containsEntry("cached", true)
                        .containsEntry("at", null));
        reputation.release();

        Map<String, Object> ran = list(awaitEnriched(ids.get(0), 1), "enrichments").getFirst();
        Map<String, Object> shared = list(awaitEnriched(ids.get(1), 1), "enrichments").getFirst();
        assertThat(ran).containsEntry("cached", false).containsEntry("output", Map.of("verdict", "malicious"));
        assertThat(shared).containsEntry("cached", true).containsEntry("output", Map.of("verdict", "malicious"))
                .containsEntry("executionId", ran.get("executionId"));
        assertThat(reputation.requests(TOR_EXIT)).isEqualTo(1);
        assertThat(kinds(await(ids.get(1), i -> kinds(i).contains("enriched")))).containsExactly("alert_added",
                "enriched");
    }

    @Test
    void aFailedLookupIsAttachedButNotCached() throws Exception {
        String flaky = "45.155.205.233";
        reputation.fail(flaky);
        String first = investigationOf(alert("f-1", "wks-1", "scan from " + flaky));
        Map<String, Object> failed = list(awaitEnriched(first, 1), "enrichments").getFirst();
        assertThat(failed).containsEntry("status", "failed").containsEntry("output", null)
                .containsEntry("cached", false);

        String second = investigationOf(alert("f-2", "wks-2", "scan from " + flaky));
        assertThat(list(awaitEnriched(second, 1), "enrichments").getFirst()).containsEntry("status", "failed")
                .containsEntry("cached", false);
        assertThat(reputation.requests(flaky)).as("the failure was not reused: asked again").isEqualTo(2);
    }

    @Test
    void anAlertJoiningAnInvestigationEnrichesOnlyTheIndicatorsItAddsOfTheListedTypes() throws Exception {
        activate("""
                name: never-for-these-hosts
                triggers:
                  - type: indicator
                    with: {types: [ipv4]}
                    on: {condition: 'investigation.entity: "host:wks-9"'}
                steps:
                  - {name: note, type: console, with: {message: "{{ event.indicator.value }}"}}
                """);
        String first = investigationOf(alert("j-1", "wks-1", "beacon to " + TOR_EXIT));
        awaitEnriched(first, 1);
        String other = "91.219.236.18";
        String joined = investigationOf(alert("j-2", "wks-1", "beacon to " + TOR_EXIT + " and " + other
                + " resolving c2-updates.ru"));
        assertThat(joined).isEqualTo(first);

        Map<String, Object> investigation = awaitEnriched(first, 2);
        assertThat(list(investigation, "indicators")).extracting(i -> i.get("type")).contains("domain");
        assertThat(list(investigation, "enrichments")).extracting(e -> (Object) ((Map<?, ?>) e.get("indicator")).get("value"))
                .containsExactly(TOR_EXIT, other);
        assertThat(list(investigation, "enrichments")).extracting(e -> e.get("workflowId")).containsOnly(workflowId);
        assertThat(reputation.requests(TOR_EXIT)).isEqualTo(1);
        assertThat(reputation.requests(other)).isEqualTo(1);
        List<Object> jobs = new ArrayList<>(list(investigation, "timeline").stream()
                .filter(e -> "job_started".equals(e.get("kind"))).map(e -> ((Map<?, ?>) e.get("refs")).get("workflowId"))
                .toList());
        assertThat(jobs).as("the workflow whose condition does not hold started nothing").containsOnly(workflowId);
    }
}
