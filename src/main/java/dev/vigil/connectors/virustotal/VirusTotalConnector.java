package dev.vigil.connectors.virustotal;

import com.google.common.net.InternetDomainName;
import dev.vigil.connectors.ConfigField;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.connectors.IpLiteral;
import dev.vigil.steps.StepFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * VirusTotal API v3 lookups with the sub-action names and params of Kibana's VirusTotal connector, which the
 * corpus calls ({@code virustotal.scanFileHash {hash}}, {@code getIpReport {ip}}, {@code scanUrl {url}}), plus
 * {@code getFileReport}, {@code getDomainReport}, {@code getUrlReport} and {@code getAnalysisResults}.
 *
 * <p>Every lookup answers {@code {found, id, type, attributes, stats, reputation?, country?, status?, links?}}:
 * the VirusTotal object with its detection counts ({@code last_analysis_stats}) as {@code stats}, which is where
 * corpus workflows read them ({@code steps.x.output.stats.malicious}). As in Kibana, an HTTP error is an answer
 * unless {@code failOnError: true}: see {@link VirusTotalApi}.
 */
public final class VirusTotalConnector implements ConnectorType {

    public static final String DEFAULT_BASE_URL = "https://www.virustotal.com/api/v3";

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern URL_ID = Pattern.compile("[0-9a-f]{64}");
    private static final List<String> RESOURCE_TYPES = List.of("analysis", "url", "domain", "ip", "file");

    @Override
    public String id() {
        return "virustotal";
    }

    @Override
    public String summary() {
        return "VirusTotal API v3: file hash, IP, domain and URL reputation; URL scans";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.option("baseUrl", "default " + DEFAULT_BASE_URL),
                ConfigField.option("timeout", "longest time one request may take (default 30s)"),
                ConfigField.requiredSecret("apiKey", "the VirusTotal API key (sent as x-apikey)"));
    }

    @Override
    public Set<String> subActions() {
        return Set.of("scanFileHash", "getFileReport", "getIpReport", "getDomainReport", "getUrlReport", "scanUrl",
                "getAnalysisResults");
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        String subAction = call.subAction() == null ? "" : call.subAction();
        VirusTotalApi api = new VirusTotalApi(call, Boolean.TRUE.equals(call.bool("failOnError")));
        return switch (subAction) {
            case "scanFileHash", "getFileReport" -> api.lookup("files/" + hash(call, call.required("hash")));
            case "getIpReport" -> api.lookup("ip_addresses/" + IpLiteral.required(call, "ip", "ipAddress").text());
            case "getDomainReport" -> api.lookup("domains/" + domain(call, "domain", call.required("domain")));
            case "getUrlReport" -> api.lookup("urls/" + urlId(call.required("url")));
            case "scanUrl" -> scanUrl(call, api);
            case "getAnalysisResults" -> api.lookup(resourcePath(call));
            default -> throw call.failure("unknown sub-action '" + subAction + "'; VirusTotal has "
                    + String.join(", ", subActions().stream().sorted().toList()));
        };
    }

    /**
     * A bare domain is looked up ({@code GET /domains/{domain}}), as Kibana does and as the corpus relies on (it
     * passes DNS names and reads the domain's registrar and DNS records); anything else is submitted for scanning.
     */
    private Object scanUrl(ConnectorCall call, VirusTotalApi api) throws StepFailure {
        String target = call.required("url").strip();
        if (isDomain(target)) {
            return api.lookup("domains/" + normalizeDomain(target));
        }
        if (IpLiteral.parse(target).isPresent()) {
            throw call.failure("with.url is an IP address; virustotal.getIpReport looks up IP addresses");
        }
        if (target.chars().anyMatch(Character::isWhitespace)) {
            throw call.failure("with.url must be a URL or a domain, without spaces");
        }
        return api.submitUrl(target);
    }

    private String resourcePath(ConnectorCall call) throws StepFailure {
        String id = call.required("id").strip();
        String type = call.textOr("resourceType", "analysis");
        return switch (type) {
            case "analysis" -> "analyses/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
            case "url" -> "urls/" + urlId(id);
            case "domain" -> "domains/" + domain(call, "id", id);
            case "ip" -> "ip_addresses/" + IpLiteral.required(call, "id").text();
            case "file" -> "files/" + hash(call, id);
            default -> throw call.failure("with.resourceType must be one of " + String.join(", ", RESOURCE_TYPES)
                    + ", got '" + type + "'");
        };
    }

    @Override
    public String test(ConnectorCall call) throws StepFailure {
        // GET /users/current would say more, but not every key may read it; an IP lookup works for every key
        VirusTotalApi api = new VirusTotalApi(call, true);
        int status = api.get("ip_addresses/8.8.8.8").status();
        return "GET " + ConnectorHttp.shown(api.url("ip_addresses/8.8.8.8")) + " answered " + status
                + ": the API key works";
    }

    private static String hash(ConnectorCall call, String value) throws StepFailure {
        String hash = value.strip().toLowerCase(Locale.ROOT);
        if (!HASH.matcher(hash).matches()) {
            throw call.failure("with.hash must be an MD5, SHA-1 or SHA-256 hash (32, 40 or 64 hex digits), got '"
                    + shorten(value) + "'");
        }
        return hash;
    }

    private static String domain(ConnectorCall call, String name, String value) throws StepFailure {
        if (!isDomain(value)) {
            throw call.failure("with." + name + " must be a domain name such as example.com, got '" + shorten(value) + "'");
        }
        return normalizeDomain(value);
    }

    static boolean isDomain(String value) {
        String name = normalizeDomain(value);
        return name.indexOf('.') > 0 && InternetDomainName.isValid(name);
    }

    private static String normalizeDomain(String value) {
        String name = value.strip().toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** VirusTotal's URL identifier: the URL base64url-encoded without padding; a SHA-256 URL id is taken as is. */
    static String urlId(String url) {
        String value = url.strip();
        if (URL_ID.matcher(value).matches()) {
            return value;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String shorten(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }
}
