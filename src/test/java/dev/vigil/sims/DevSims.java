package dev.vigil.sims;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code ./vigil dev-sims [DIR]}: starts every simulator on 127.0.0.1 and writes one connector YAML file per
 * simulator into DIR (default {@code data/dev-connectors}), so that {@code ./vigil server --connectors DIR} runs
 * the example workflows against them. Runs until stopped (Ctrl-C).
 */
public final class DevSims {

    /** A simulator and the connector that points at it (type, config from its URL, secrets it accepts). */
    record Entry(String name, Supplier<Simulator> start, String type, Function<String, Map<String, Object>> config,
                 Map<String, String> secrets) {
    }

    /** The one list of simulators: add a line per connector type. */
    static List<Entry> entries() {
        return List.of(
                new Entry("echo", GenericHttpSim::new, "http",
                        url -> Map.of("baseUrl", url + "/echo", "auth", "bearer"), Map.of("token", "dev-token-123456")),
                new Entry("slack", SlackSim::new, "slack",
                        url -> Map.of("baseUrl", url + "/api", "defaultChannel", "C0SOC"), Map.of("token", SlackSim.TOKEN)),
                new Entry("teams", TeamsSim::new, "teams",
                        url -> Map.of("graphUrl", url + "/v1.0", "loginUrl", url, "tenantId", TeamsSim.TENANT,
                                "clientId", TeamsSim.CLIENT_ID), Map.of("clientSecret", TeamsSim.CLIENT_SECRET)),
                new Entry("virustotal", VirusTotalSim::new, "virustotal", url -> Map.of("baseUrl", url + "/api/v3"),
                        Map.of("apiKey", VirusTotalSim.API_KEY)),
                new Entry("abuseipdb", AbuseIpDbSim::new, "abuseipdb", url -> Map.of("baseUrl", url + "/api/v2"),
                        Map.of("apiKey", AbuseIpDbSim.API_KEY)),
                new Entry("firewall", FirewallSim::new, "firewall", url -> Map.of("baseUrl", url, "auth", "bearer"),
                        Map.of("token", FirewallSim.TOKEN)),
                new Entry("pagerduty", PagerDutySim::new, "pagerduty", url -> Map.of("baseUrl", url, "eventsUrl", url,
                        "fromEmail", PagerDutySim.FROM), Map.of("routingKey", PagerDutySim.ROUTING_KEY,
                        "apiToken", PagerDutySim.API_TOKEN)),
                new Entry("jira", JiraSim::new, "jira", url -> Map.of("baseUrl", url, "email", JiraSim.EMAIL,
                        "projectKey", "SOC"), Map.of("apiToken", JiraSim.TOKEN)),
                new Entry("servicenow", ServiceNowSim::new, "servicenow", url -> Map.of("baseUrl", url, "auth", "basic",
                        "username", ServiceNowSim.USER), Map.of("password", ServiceNowSim.PASSWORD)),
                new Entry("elasticsearch", ElasticsearchSim::new, "elasticsearch", url -> Map.of("baseUrl", url),
                        Map.of("apiKey", ElasticsearchSim.API_KEY)),
                new Entry("kibana", KibanaSim::new, "kibana", url -> Map.of("baseUrl", url),
                        Map.of("apiKey", KibanaSim.API_KEY)),
                new Entry("elastic-defend", ElasticDefendSim::new, "elastic_defend", url -> Map.of("baseUrl", url),
                        Map.of("apiKey", ElasticDefendSim.API_KEY)),
                new Entry("crowdstrike", CrowdStrikeSim::new, "crowdstrike", url -> Map.of("baseUrl", url,
                        "clientId", CrowdStrikeSim.CLIENT_ID), Map.of("clientSecret", CrowdStrikeSim.CLIENT_SECRET)),
                new Entry("okta", OktaSim::new, "okta", url -> Map.of("baseUrl", url),
                        Map.of("apiToken", OktaSim.API_TOKEN)),
                new Entry("entra", EntraSim::new, "entra", url -> Map.of("tenantId", EntraSim.TENANT_ID,
                        "clientId", EntraSim.CLIENT_ID, "authorityUrl", url, "graphUrl", url),
                        Map.of("clientSecret", EntraSim.CLIENT_SECRET)),
                new Entry("openai", OpenAiSim::new, "openai", url -> Map.of("baseUrl", url + "/v1", "model",
                        "gpt-4o-mini"), Map.of("apiKey", OpenAiSim.API_KEY)),
                // Kibana's .email config as Kibana saves it; the url is smtp://127.0.0.1:PORT
                new Entry("email", EmailSim::new, "email", url -> Map.of("service", "other", "host", "127.0.0.1",
                        "port", java.net.URI.create(url).getPort(), "secure", false, "from", EmailSim.FROM,
                        "hasAuth", true, "caCertificate", EmailSim.certificatePem()),
                        Map.of("user", EmailSim.USER, "password", EmailSim.PASSWORD)));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "data/dev-connectors");
        List<Simulator> running = start(dir, true);
        System.out.println("connector files in " + dir.toAbsolutePath() + "; start Vigil with: ./vigil server --connectors "
                + dir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.forEach(Simulator::close);
            stopped.countDown();
        }));
        stopped.await();
    }

    /** Starts every simulator and writes its connector file into {@code dir}. */
    static List<Simulator> start(Path dir, boolean print) throws java.io.IOException {
        Files.createDirectories(dir);
        List<Simulator> running = new ArrayList<>();
        for (Entry entry : entries()) {
            Simulator sim = entry.start().get();
            running.add(sim);
            StringBuilder yaml = new StringBuilder("# written by ./vigil dev-sims for " + sim.name() + "\n")
                    .append("name: ").append(entry.name()).append('\n')
                    .append("type: ").append(entry.type()).append('\n')
                    .append("config: ").append(dev.vigil.model.Json.write(entry.config().apply(sim.url()))).append('\n');
            if (!entry.secrets().isEmpty()) {
                yaml.append("secrets: ").append(dev.vigil.model.Json.write(entry.secrets())).append('\n');
            }
            Files.writeString(dir.resolve(entry.name() + ".yaml"), yaml);
            if (print) {
                System.out.printf("%-45s %s  (connector '%s', type %s)%n", sim.name(), sim.url(), entry.name(),
                        entry.type());
            }
        }
        return running;
    }
}
