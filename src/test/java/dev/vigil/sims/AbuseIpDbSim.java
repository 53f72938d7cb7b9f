package dev.vigil.sims;

import com.google.common.net.InetAddresses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AbuseIPDB API v2 under {@code /api/v2}, in its own shapes: {@code {data: {...}}} answers, errors as
 * {@code {errors: [{detail, status, source?}]}} (401 for a missing or wrong {@code Key}, 422 for invalid
 * parameters), {@code X-RateLimit-Limit}/{@code -Remaining} on every answer, and its daily limit as 429 with
 * {@code Retry-After} and {@code X-RateLimit-Reset}. A second report of the same IP is refused with 429, as
 * AbuseIPDB refuses reports of one IP closer than 15 minutes apart.
 *
 * <p>{@link #BAD_IP} is well reported; every other address is clean.
 */
public final class AbuseIpDbSim extends Simulator {

    public static final String API_KEY = "abuseipdb-key-7d1f9a0c2b3e4f5a6b7c8d9e";
    public static final String BAD_IP = "118.25.6.39";

    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public AbuseIpDbSim() {
        route("GET", "/api/v2/check", (request, path) -> authorized(request, () -> {
            String ip = request.query().get("ipAddress");
            Response invalid = invalidIp(ip, "ipAddress");
            if (invalid != null) {
                return invalid;
            }
            Response badAge = maxAge(request.query().get("maxAgeInDays"));
            if (badAge != null) {
                return badAge;
            }
            return ok(Map.of("data", check(ip, request.query().containsKey("verbose"))));
        }));
        route("POST", "/api/v2/report", (request, path) -> authorized(request, () -> {
            Map<String, String> form = request.form();
            Response invalid = invalidIp(form.get("ip"), "ip");
            if (invalid != null) {
                return invalid;
            }
            if (form.get("categories") == null || form.get("categories").isBlank()) {
                return error(422, "The categories field is required.", "categories");
            }
            if (!reported.add(form.get("ip"))) {
                return error(429, "You can only report the same IP address (`" + form.get("ip")
                        + "`) once in 15 minutes.", "ip");
            }
            return ok(Map.of("data", Map.of("ipAddress", form.get("ip"), "abuseConfidenceScore", 52)));
        }));
        route("GET", "/api/v2/check-block", (request, path) -> authorized(request, () -> {
            String network = request.query().get("network");
            if (network == null || !network.matches("[0-9.]+/\\d{1,2}")) {
                return error(422, "The network must be a valid subnet in CIDR notation (e.g. 127.0.0.1/24).", "network");
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("networkAddress", network.substring(0, network.indexOf('/')));
            data.put("netmask", "255.255.255.0");
            data.put("minAddress", "118.25.6.1");
            data.put("maxAddress", "118.25.6.254");
            data.put("numPossibleHosts", 254);
            data.put("addressSpaceDesc", "Internet");
            data.put("reportedAddress", List.of(Map.of("ipAddress", BAD_IP, "numReports", 631,
                    "mostRecentReport", "2026-01-02T16:35:16+00:00", "abuseConfidenceScore", 100, "countryCode", "CN")));
            return ok(Map.of("data", data));
        }));
    }

    @Override
    public String name() {
        return "AbuseIPDB API v2";
    }

    @Override
    protected Response rateLimitResponse(int seconds) {
        return Response.json(429, Map.of("errors", List.of(Map.of("detail", "Daily rate limit of 1000 requests"
                        + " exceeded for this endpoint. See the X-RateLimit-Reset header for the reset time.",
                        "status", 429))))
                .withHeader("Retry-After", String.valueOf(seconds))
                .withHeader("X-RateLimit-Limit", "1000")
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", String.valueOf(1767225600L + seconds));
    }

    private static Response ok(Object body) {
        return Response.json(body).withHeader("X-RateLimit-Limit", "1000").withHeader("X-RateLimit-Remaining", "998");
    }

    private static Response error(int status, String detail, String parameter) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("detail", detail);
        error.put("status", status);
        if (parameter != null) {
            error.put("source", Map.of("parameter", parameter));
        }
        return Response.json(status, Map.of("errors", List.of(error)));
    }

    private static Response authorized(Request request, java.util.function.Supplier<Response> answer) {
        if (!API_KEY.equals(request.header("key"))) {
            return error(401, "Authentication failed. Your API key is either missing, incorrect, or revoked."
                    + " Note: The APIv2 key differs from the APIv1 key.", null);
        }
        return answer.get();
    }

    private static Response invalidIp(String ip, String parameter) {
        if (ip == null || ip.isBlank()) {
            return error(422, "The ip address field is required.", parameter);
        }
        if (!InetAddresses.isInetAddress(ip)) {
            return error(422, "The ip address must be a valid IPv4 or IPv6 address (e.g. 8.8.8.8 or"
                    + " 2001:4860:4860::8888).", parameter);
        }
        return null;
    }

    private static Response maxAge(String value) {
        if (value != null && (!value.matches("\\d+") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 365)) {
            return error(422, "The max age in days must be between 1 and 365.", "maxAgeInDays");
        }
        return null;
    }

    private static Map<String, Object> check(String ip, boolean verbose) {
        boolean bad = BAD_IP.equals(ip);
        boolean loopback = InetAddresses.forString(ip).isLoopbackAddress();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ipAddress", ip);
        data.put("isPublic", !loopback);
        data.put("ipVersion", ip.contains(":") ? 6 : 4);
        data.put("isWhitelisted", bad ? false : null);
        data.put("abuseConfidenceScore", bad ? 100 : 0);
        data.put("countryCode", loopback ? null : bad ? "CN" : "US");
        if (verbose) {
            data.put("countryName", loopback ? null : bad ? "China" : "United States of America");
        }
        data.put("usageType", loopback ? "Reserved" : "Data Center/Web Hosting/Transit");
        data.put("isp", loopback ? "Loopback" : bad ? "Tencent Cloud Computing (Beijing) Co. Ltd" : "Example Hosting");
        data.put("domain", loopback ? null : bad ? "tencent.com" : "example.net");
        data.put("hostnames", List.of());
        data.put("isTor", false);
        data.put("totalReports", bad ? 1 : 0);
        data.put("numDistinctUsers", bad ? 1 : 0);
        data.put("lastReportedAt", bad ? "2026-01-02T16:35:16+00:00" : null);
        if (verbose) {
            data.put("reports", bad ? List.of(Map.of("reportedAt", "2026-01-02T16:35:16+00:00",
                    "comment", "Dec 20 20:55:14 srv206 sshd[13937]: Invalid user oracle from 118.25.6.39",
                    "categories", List.of(18, 22), "reporterId", 1, "reporterCountryCode", "US",
                    "reporterCountryName", "United States")) : List.of());
        }
        return data;
    }
}
