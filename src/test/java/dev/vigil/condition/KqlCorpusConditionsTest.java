package dev.vigil.condition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.Json;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conditions in the shape the example workflows and Elastic's docs use them, against realistic step contexts. */
class KqlCorpusConditionsTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:30:00Z");

    static boolean eval(String kql, Object context) throws KqlSyntaxException {
        return Kql.parse(kql).matches(context, NOW);
    }

    @Test
    void approvalResponse() throws KqlSyntaxException {
        Object approved = Json.parse("{\"steps\": {\"check\": {\"output\": {\"response\": {\"approved\": true}}}}}");
        Object rejected = Json.parse("{\"steps\": {\"check\": {\"output\": {\"response\": {\"approved\": false}}}}}");
        String kql = "steps.check.output.response.approved : true";
        assertThat(eval(kql, approved)).isTrue();
        assertThat(eval(kql, rejected)).isFalse();
        assertThat(eval(kql, Map.of())).isFalse();
    }

    @Test
    void alertSeverity() throws KqlSyntaxException {
        String kql = "event.alerts[0].kibana.alert.severity: \"critical\" or event.alerts[0].kibana.alert.severity: high";
        assertThat(eval(kql, alert("critical"))).isTrue();
        assertThat(eval(kql, alert("high"))).isTrue();
        assertThat(eval(kql, alert("medium"))).isFalse();
        assertThat(eval(kql, Json.parse("{\"event\": {\"alerts\": []}}"))).isFalse();
    }

    private static Object alert(String severity) {
        return Json.parse("{\"event\": {\"alerts\": [{\"kibana\": {\"alert\": {\"severity\": \"" + severity
                + "\"}}}]}}");
    }

    @Test
    void listLength() throws KqlSyntaxException {
        Object some = Json.parse("{\"steps\": {\"x\": {\"output\": {\"values\": [1, 2], \"data\": [\"a\"]}}}}");
        Object none = Json.parse("{\"steps\": {\"x\": {\"output\": {\"values\": [], \"data\": []}}}}");
        assertThat(eval("steps.x.output.values.length > 0", some)).isTrue();
        assertThat(eval("steps.x.output.values.length > 0", none)).isFalse();
        assertThat(eval("steps.x.output.data.length:0", none)).isTrue();
        assertThat(eval("steps.x.output.data.length:0", some)).isFalse();
    }

    @Test
    void numericInput() throws KqlSyntaxException {
        assertThat(eval("inputs.severity >= 7", Json.parse("{\"inputs\": {\"severity\": 7}}"))).isTrue();
        assertThat(eval("inputs.severity >= 7", Json.parse("{\"inputs\": {\"severity\": 6.5}}"))).isFalse();
        assertThat(eval("inputs.severity >= 7", Json.parse("{\"inputs\": {}}"))).isFalse();
    }

    @Test
    void stepErrorAbsence() throws KqlSyntaxException {
        assertThat(eval("not steps.lookup.error:*", Json.parse("{\"steps\": {\"lookup\": {\"output\": {}}}}"))).isTrue();
        assertThat(eval("not steps.lookup.error:*",
                Json.parse("{\"steps\": {\"lookup\": {\"error\": {\"message\": \"boom\"}}}}"))).isFalse();
        assertThat(eval("not steps.lookup.error:*", Json.parse("{\"steps\": {\"lookup\": {\"error\": null}}}")))
                .isTrue();
    }

    @Test
    void foreachItemWildcard() throws KqlSyntaxException {
        assertThat(eval("foreach.item.name: *prod*", Json.parse("{\"foreach\": {\"item\": {\"name\": \"db-prod-1\"}}}")))
                .isTrue();
        assertThat(eval("foreach.item.name: *prod*", Json.parse("{\"foreach\": {\"item\": {\"name\": \"db-dev\"}}}")))
                .isFalse();
    }

    @Test
    void recentTimestamp() throws KqlSyntaxException {
        assertThat(eval("@timestamp > now-1h", Map.of("@timestamp", "2026-11-23T10:00:00.000Z"))).isTrue();
        assertThat(eval("@timestamp > now-1h", Map.of("@timestamp", "2026-11-23T09:00:00.000Z"))).isFalse();
        assertThat(eval("event.@timestamp >= now-1d/d", Json.parse("{\"event\": {\"@timestamp\": \"2026-11-22T00:00:00Z\"}}")))
                .isTrue();
    }

    @Test
    void singleQuotedStatusFromTheDocs() throws KqlSyntaxException {
        assertThat(eval("status : 'success'", Map.of("status", "success"))).isTrue();
        assertThat(eval("steps.run.output.status : 'failed'",
                Json.parse("{\"steps\": {\"run\": {\"output\": {\"status\": \"success\"}}}}"))).isFalse();
    }

    @Test
    void dataFilterItem() throws KqlSyntaxException {
        Object item = Json.parse("{\"item\": {\"host\": {\"name\": \"web-01\"}, \"tags\": [\"pci\", \"dmz\"]}, \"index\": 0}");
        assertThat(eval("item.host.name: web* and item.tags: dmz and index: 0", item)).isTrue();
        assertThat(eval("item.tags: (pci and not internal)", item)).isTrue();
    }
}
