package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.Vigil;
import dev.vigil.model.Workflow;
import dev.vigil.parse.ParseResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRouterTest {

    private static final Vigil VIGIL = Vigil.standard();
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final AlertRouter router = VIGIL.alertRouter();

    private static Workflow workflow(String name, String trigger) {
        ParseResult parsed = VIGIL.parser().parse("""
                name: %s
                triggers:
                  - %s
                steps:
                  - {name: hello, type: console, with: {message: hi}}
                """.formatted(name, trigger));
        assertThat(parsed.problems()).as(name).isEmpty();
        return parsed.workflow();
    }

    /** An alert as Kibana's "Run workflow" action sends it: dotted kibana.alert.* keys. */
    private static Map<String, Object> elasticAlert(String ruleUuid, String ruleName, String severity) {
        return AlertEvents.from(Map.of(
                "_id", "a-1",
                "kibana.alert.uuid", "u-1",
                "kibana.alert.severity", severity,
                "kibana.alert.rule.uuid", ruleUuid,
                "kibana.alert.rule.rule_id", "detection-" + ruleUuid,
                "kibana.alert.rule.name", ruleName,
                "host.name", "web-1"));
    }

    private List<String> routed(Map<String, Object> event, Workflow... workflows) {
        AlertRouter.Routes routes = router.route(event, List.of(workflows), NOW);
        assertThat(routes.problems()).isEmpty();
        return routes.workflows().stream().map(Workflow::name).toList();
    }

    @Test
    void aTriggerWithRuleIdTakesAlertsOfThatRuleOnly() {
        Workflow byId = workflow("by-id", "{type: alert, with: {rule_id: r-1}}");
        assertThat(routed(elasticAlert("r-1", "Malware", "high"), byId)).containsExactly("by-id");
        assertThat(routed(elasticAlert("r-2", "Malware", "high"), byId)).isEmpty();
    }

    @Test
    void aRuleIdMatchesTheDetectionRulesOwnIdToo() {
        Workflow byRuleId = workflow("by-rule-id", "{type: alert, with: {rule_id: detection-r-1}}");
        assertThat(routed(elasticAlert("r-1", "Malware", "high"), byRuleId)).containsExactly("by-rule-id");
    }

    @Test
    void aTriggerWithRuleNameTakesAlertsOfThatRuleName() {
        Workflow byName = workflow("by-name", "{type: alert, with: {rule_name: Malware}}");
        assertThat(routed(elasticAlert("r-1", "Malware", "high"), byName)).containsExactly("by-name");
        assertThat(routed(elasticAlert("r-1", "Phishing", "high"), byName)).isEmpty();
    }

    @Test
    void aConditionOverTheEventMustHold() {
        Workflow highOnly = workflow("high-only",
                "{type: alert, on: {condition: 'alerts.kibana.alert.severity: high and rule.name: Malware'}}");
        Workflow prefixed = workflow("prefixed", "{type: alert, on: {condition: 'event.alerts.host.name: web-*'}}");
        assertThat(routed(elasticAlert("r-1", "Malware", "high"), highOnly, prefixed))
                .containsExactly("high-only", "prefixed");
        assertThat(routed(elasticAlert("r-1", "Malware", "low"), highOnly)).isEmpty();
    }

    @Test
    void aTemplatedConditionIsRenderedWithTheEventFirst() {
        Workflow typed = workflow("typed", "{type: alert, on: {condition: '${{ event.rule.name == \"Malware\" }}'}}");
        assertThat(routed(elasticAlert("r-1", "Malware", "high"), typed)).containsExactly("typed");
        assertThat(routed(elasticAlert("r-1", "Other", "high"), typed)).isEmpty();
    }

    @Test
    void everyMatchingWorkflowStartsOnceAndOthersNot() {
        Workflow any = workflow("any", "{type: alert}");
        Workflow twice = workflow("twice",
                "{type: alert, with: {rule_id: r-1}}\n  - {type: alert, with: {rule_name: Malware}}");
        Workflow other = workflow("other", "{type: alert, with: {rule_id: r-9}}");
        Workflow manual = workflow("manual", "{type: manual}");
        Workflow disabled = withEnabled(workflow("disabled", "{type: alert}"), false);
        assertThat(routed(elasticAlert("r-1", "Malware", "high"), any, twice, other, manual, disabled))
                .containsExactly("any", "twice");
    }

    @Test
    void ruleIdAndNameTogetherMustBothMatch() {
        Workflow both = workflow("both", "{type: alert, with: {rule_id: r-1, rule_name: Malware}}");
        assertThat(routed(elasticAlert("r-1", "Malware", "high"), both)).containsExactly("both");
        assertThat(routed(elasticAlert("r-1", "Phishing", "high"), both)).isEmpty();
    }

    @Test
    void aGenericAlertIsRoutedByTheRuleOfItsEvent() {
        Map<String, Object> event = AlertEvents.from(Map.of("alerts", List.of(Map.of("id", "x-1", "severity", "high")),
                "rule", Map.of("id", "siem-7", "name", "Impossible travel")));
        Workflow byId = workflow("by-id", "{type: alert, with: {rule_id: siem-7}}");
        Workflow cond = workflow("cond", "{type: alert, on: {condition: 'alerts.severity: high'}}");
        assertThat(routed(event, byId, cond)).containsExactly("by-id", "cond");
        assertThat(AlertSource.of(event)).isEqualTo(AlertSource.GENERIC);
        assertThat(AlertSource.of(elasticAlert("r-1", "Malware", "high"))).isEqualTo(AlertSource.ELASTIC);
    }

    private static Workflow withEnabled(Workflow w, boolean enabled) {
        return new Workflow(w.version(), w.name(), w.description(), enabled, w.tags(), w.triggers(), w.inputs(),
                w.consts(), w.outputs(), w.settings(), w.steps());
    }
}
