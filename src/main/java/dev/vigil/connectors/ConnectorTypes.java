package dev.vigil.connectors;
import dev.vigil.connectors.crowdstrike.CrowdStrikeConnector;
import dev.vigil.connectors.elasticdefend.ElasticDefendConnector;
import dev.vigil.connectors.entra.EntraConnector;
import dev.vigil.connectors.okta.OktaConnector;
import dev.vigil.connectors.email.EmailConnector;
import dev.vigil.connectors.slack.SlackConnector;
import dev.vigil.connectors.teams.TeamsConnector;
import dev.vigil.connectors.jira.JiraConnector;
import dev.vigil.connectors.pagerduty.PagerDutyConnector;
import dev.vigil.connectors.servicenow.ServiceNowConnector;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The one place connector types are registered ({@link #standard()}), found by id or alias. */
public final class ConnectorTypes {

    private final Map<String, ConnectorType> byId;
    private final Map<String, ConnectorType> byName;

    private ConnectorTypes(Collection<ConnectorType> types) {
        Map<String, ConnectorType> ids = new LinkedHashMap<>();
        Map<String, ConnectorType> names = new LinkedHashMap<>();
        for (ConnectorType type : types) {
            if (ids.putIfAbsent(type.id(), type) != null) {
                throw new IllegalStateException("connector type registered twice: " + type.id());
            }
            for (String name : names(type)) {
                if (names.putIfAbsent(name, type) != null) {
                    throw new IllegalStateException("connector type name " + name + " used twice");
                }
            }
        }
        this.byId = Map.copyOf(ids);
        this.byName = Map.copyOf(names);
    }

    private static java.util.List<String> names(ConnectorType type) {
        java.util.List<String> names = new java.util.ArrayList<>();
        names.add(type.id());
        names.addAll(type.aliases());
        return names;
    }

    public static ConnectorTypes of(ConnectorType... types) {
        return new ConnectorTypes(java.util.List.of(types));
    }

    /** Every connector type Vigil ships. */
    public static ConnectorTypes standard() {
        return of(
                new HttpConnector(),
                new dev.vigil.connectors.virustotal.VirusTotalConnector(),
                new dev.vigil.connectors.abuseipdb.AbuseIpDbConnector(),
                new dev.vigil.connectors.firewall.FirewallConnector(),
                new ElasticDefendConnector(),
                new CrowdStrikeConnector(CrowdStrikeConnector.RTR_POLL_INTERVAL),
                new OktaConnector(),
                new EntraConnector(),
                new dev.vigil.connectors.elastic.ElasticsearchConnector(),
                new dev.vigil.connectors.elastic.KibanaConnector(),
                new dev.vigil.connectors.openai.OpenAiConnector(),
                new SlackConnector(),
                new TeamsConnector(),
                new EmailConnector(),
                new JiraConnector(),
                new PagerDutyConnector(),
                new ServiceNowConnector());
    }

    /** By id or alias; a leading dot (Kibana's ".slack") is ignored. */
    public Optional<ConnectorType> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byName.get(name.startsWith(".") ? name.substring(1) : name));
    }

    public Collection<ConnectorType> all() {
        return byId.values();
    }
}
