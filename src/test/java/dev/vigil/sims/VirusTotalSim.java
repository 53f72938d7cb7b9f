package dev.vigil.sims;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * VirusTotal API v3 under {@code /api/v3}, in its own shapes: objects as {@code {data: {id, type, links,
 * attributes}}}, errors as {@code {error: {code, message}}} (401 AuthenticationRequiredError without
 * {@code x-apikey}, WrongCredentialsError for another key, 404 NotFoundError, 400 InvalidArgumentError), and its
 * rate limit as 429 QuotaExceededError <em>without</em> Retry-After, as VirusTotal sends it.
 *
 * <p>Knows the EICAR test file (by SHA-256, SHA-1 and MD5), any IP address, the domains {@link #BAD_DOMAIN} and
 * {@link #GOOD_DOMAIN}, and {@link #KNOWN_URL}; submitted URLs get a queued analysis.
 */
public final class VirusTotalSim extends Simulator {

    public static final String API_KEY = "vt-key-0123456789abcdef0123456789abcdef";
    public static final String EICAR_SHA256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";
    public static final String EICAR_SHA1 = "3395856ce81f2b7382dee72602f798b642f14140";
    public static final String EICAR_MD5 = "44d88612fea8a8f36de82e1278abb02f";
    public static final String BAD_DOMAIN = "login-verify.example.net";
    public static final String GOOD_DOMAIN = "example.org";
    public static final String KNOWN_URL = "http://login-verify.example.net/office365/index.php";

    private final Map<String, String> submitted = new ConcurrentHashMap<>();

    public VirusTotalSim() {
        route("GET", "/api/v3/files/([^/]+)", (request, path) -> authorized(request, () -> {
            String hash = path.group(1).toLowerCase(java.util.Locale.ROOT);
            if (!hash.matches("[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}")) {
                return error(400, "InvalidArgumentError", "Invalid file hash: " + path.group(1));
            }
            if (List.of(EICAR_SHA256, EICAR_SHA1, EICAR_MD5).contains(hash)) {
                return Response.json(object(EICAR_SHA256, "file", "files", eicar()));
            }
            return error(404, "NotFoundError", "File \"" + path.group(1) + "\" not found");
        }));
        route("GET", "/api/v3/ip_addresses/([^/]+)", (request, path) -> authorized(request, () ->
                com.google.common.net.InetAddresses.isInetAddress(path.group(1))
                        ? Response.json(object(path.group(1), "ip_address", "ip_addresses", ip(path.group(1))))
                        : error(400, "InvalidArgumentError", "\"" + path.group(1) + "\" is not a valid IP address")));
        route("GET", "/api/v3/domains/([^/]+)", (request, path) -> authorized(request, () -> switch (path.group(1)) {
            case BAD_DOMAIN -> Response.json(object(BAD_DOMAIN, "domain", "domains", domain(true)));
            case GOOD_DOMAIN -> Response.json(object(GOOD_DOMAIN, "domain", "domains", domain(false)));
            default -> error(404, "NotFoundError", "Domain \"" + path.group(1) + "\" not found");
        }));
        route("GET", "/api/v3/urls/([^/]+)", (request, path) -> authorized(request, () -> {
            if (path.group(1).equals(urlId(KNOWN_URL)) || path.group(1).equals(sha256(KNOWN_URL))) {
                return Response.json(object(sha256(KNOWN_URL), "url", "urls", urlReport()));
            }
            return error(404, "NotFoundError", "URL \"" + path.group(1) + "\" not found");
        }));
        route("POST", "/api/v3/urls", (request, path) -> authorized(request, () -> {
            String url = request.form().get("url");
            if (url == null || url.isBlank()) {
                return error(400, "BadRequestError", "Missing \"url\" parameter");
            }
            String id = "u-" + sha256(url) + "-1767225600";
            submitted.put(id, url);
            return Response.json(Map.of("data", Map.of("type", "analysis", "id", id,
                    "links", Map.of("self", "https://www.virustotal.com/api/v3/analyses/" + id))));
        }));
        route("GET", "/api/v3/analyses/([^/]+)", (request, path) -> authorized(request, () -> {
            String url = submitted.get(path.group(1));
            if (url == null) {
                return error(404, "NotFoundError", "Analysis \"" + path.group(1) + "\" not found");
            }
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("date", 1767225600L);
            attributes.put("status", "queued");
            attributes.put("stats", stats(0, 0, 0, 0));
            attributes.put("results", Map.of());
            Map<String, Object> body = new LinkedHashMap<>(object(path.group(1), "analysis", "analyses", attributes));
            body.put("meta", Map.of("url_info", Map.of("id", sha256(url), "url", url)));
            return Response.json(body);
        }));
    }

    @Override
    public String name() {
        return "VirusTotal API v3";
    }

    @Override
    protected Response rateLimitResponse(int seconds) {
        // VirusTotal sends no Retry-After with its 429
        return error(429, "QuotaExceededError", "Quota exceeded");
    }

    public static Response error(int status, String code, String message) {
        return Response.json(status, Map.of("error", Map.of("code", code, "message", message)));
    }

    private static Response authorized(Request request, java.util.function.Supplier<Response> answer) {
        String key = request.header("x-apikey");
        if (key == null) {
            return error(401, "AuthenticationRequiredError", "X-Apikey header is missing");
        }
        if (!API_KEY.equals(key)) {
            return error(401, "WrongCredentialsError", "Wrong API key");
        }
        return answer.get();
    }

    private static Map<String, Object> object(String id, String type, String collection, Map<String, Object> attributes) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("type", type);
        data.put("links", Map.of("self", "https://www.virustotal.com/api/v3/" + collection + "/" + id));
        data.put("attributes", attributes);
        return Map.of("data", data);
    }

    static Map<String, Object> stats(int malicious, int suspicious, int undetected, int harmless) {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("malicious", malicious);
        stats.put("suspicious", suspicious);
        stats.put("undetected", undetected);
        stats.put("harmless", harmless);
        stats.put("timeout", 0);
        return stats;
    }

    private static Map<String, Object> eicar() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("meaningful_name", "eicar.com");
        a.put("type_description", "DOS EXE");
        a.put("type_extension", "com");
        a.put("size", 68);
        a.put("md5", EICAR_MD5);
        a.put("sha1", EICAR_SHA1);
        a.put("sha256", EICAR_SHA256);
        a.put("reputation", -1123);
        a.put("times_submitted", 1216498);
        a.put("first_submission_date", 1148301722L);
        a.put("last_analysis_date", 1767139200L);
        a.put("total_votes", Map.of("harmless", 12, "malicious", 904));
        a.put("last_analysis_stats", stats(62, 0, 10, 0));
        a.put("signature_info", Map.of());
        a.put("threat_severity", Map.of("threat_severity_level", "SEVERITY_HIGH"));
        return a;
    }

    private static Map<String, Object> ip(String ip) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("asn", 15169);
        a.put("as_owner", "GOOGLE");
        a.put("country", "US");
        a.put("continent", "NA");
        a.put("network", "8.8.8.0/24");
        a.put("regional_internet_registry", "ARIN");
        a.put("reputation", 542);
        a.put("tags", List.of());
        a.put("total_votes", Map.of("harmless", 211, "malicious", 31));
        a.put("last_analysis_stats", stats(0, 0, 27, 64));
        a.put("last_analysis_date", 1767139200L);
        return a;
    }

    private static Map<String, Object> domain(boolean bad) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("registrar", bad ? "NameCheap, Inc." : "ICANN");
        a.put("creation_date", bad ? 1764547200L : 808372800L);
        a.put("last_update_date", bad ? 1764547200L : 1722470400L);
        a.put("reputation", bad ? -15 : 0);
        a.put("last_analysis_stats", bad ? stats(9, 2, 23, 60) : stats(0, 0, 28, 66));
        a.put("last_dns_records", List.of(Map.of("type", "A", "value", bad ? "203.0.113.7" : "93.184.215.14", "ttl", 300)));
        a.put("last_dns_records_date", 1767139200L);
        return a;
    }

    private static Map<String, Object> urlReport() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("url", KNOWN_URL);
        a.put("last_final_url", KNOWN_URL);
        a.put("title", "Sign in to your account");
        a.put("reputation", -3);
        a.put("times_submitted", 4);
        a.put("last_analysis_stats", stats(7, 1, 20, 69));
        return a;
    }

    /** VirusTotal's URL identifier: base64url without padding. */
    public static String urlId(String url) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
