package dev.vigil.indicator;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the name of a field says about its value. An ECS field such as {@code source.ip} or
 * {@code file.hash.sha256} holds exactly one indicator of a known kind, so its whole value is taken as that kind;
 * identifier, version and timestamp fields hold values that only look like hashes or IPs, so they are not scanned.
 * Names are matched on their last dotted segments, so {@code alerts.process.parent.hash.md5}, Kibana's flat
 * {@code "source.ip"} keys and nested objects all match the same hint.
 */
final class FieldHints {

    /** The kind a hinted field holds; IP and HASH are decided by the value (v4/v6, length). */
    enum Hint { IP, DOMAIN, URL, HASH, EMAIL }

    private static final Map<String, Hint> HINTS = Map.ofEntries(
            Map.entry("source.ip", Hint.IP), Map.entry("destination.ip", Hint.IP), Map.entry("client.ip", Hint.IP),
            Map.entry("server.ip", Hint.IP), Map.entry("host.ip", Hint.IP), Map.entry("related.ip", Hint.IP),
            Map.entry("observer.ip", Hint.IP), Map.entry("nat.ip", Hint.IP), Map.entry("indicator.ip", Hint.IP),
            Map.entry("dns.resolved_ip", Hint.IP),
            Map.entry("dns.question.name", Hint.DOMAIN), Map.entry("dns.question.registered_domain", Hint.DOMAIN),
            Map.entry("url.domain", Hint.DOMAIN), Map.entry("url.registered_domain", Hint.DOMAIN),
            Map.entry("source.domain", Hint.DOMAIN), Map.entry("destination.domain", Hint.DOMAIN),
            Map.entry("client.domain", Hint.DOMAIN), Map.entry("server.domain", Hint.DOMAIN),
            Map.entry("tls.client.server_name", Hint.DOMAIN),
            Map.entry("url.full", Hint.URL), Map.entry("url.original", Hint.URL),
            Map.entry("request.referrer", Hint.URL),
            Map.entry("hash.md5", Hint.HASH), Map.entry("hash.sha1", Hint.HASH), Map.entry("hash.sha256", Hint.HASH),
            Map.entry("related.hash", Hint.HASH),
            Map.entry("user.email", Hint.EMAIL), Map.entry("from.address", Hint.EMAIL),
            Map.entry("to.address", Hint.EMAIL), Map.entry("cc.address", Hint.EMAIL),
            Map.entry("bcc.address", Hint.EMAIL), Map.entry("reply_to.address", Hint.EMAIL),
            Map.entry("sender.address", Hint.EMAIL), Map.entry("indicator.email.address", Hint.EMAIL));

    /**
     * Fields never scanned as text: ids and uuids (a trace id is 32 hex digits, an MD5 to a regex), versions
     * ({@code 10.0.19045.1234}), timestamps, and the name of the host that raised the alert (the asset, not an
     * indicator against it).
     */
    private static final Set<String> NOT_SCANNED = Set.of(
            "id", "uuid", "version", "@timestamp", "timestamp", "created", "ingested", "host.name", "host.hostname",
            "agent.name", "observer.name", "observer.hostname");

    private FieldHints() {
    }

    /** The hint for a dotted field name (list indices left out), if its last two or three segments name one. */
    static Optional<Hint> hint(String field) {
        for (int segments = 4; segments >= 2; segments--) {
            Hint hint = HINTS.get(lastSegments(field, segments));
            if (hint != null) {
                return Optional.of(hint);
            }
        }
        return Optional.empty();
    }

    static boolean scanned(String field) {
        String last = lastSegments(field, 1);
        return !(NOT_SCANNED.contains(last) || NOT_SCANNED.contains(lastSegments(field, 2))
                || last.endsWith("_id") || last.endsWith("_uuid") || last.endsWith("uuid"));
    }

    private static String lastSegments(String field, int count) {
        int at = field.length();
        for (int i = 0; i < count; i++) {
            at = field.lastIndexOf('.', at - 1);
            if (at < 0) {
                return field;
            }
        }
        return field.substring(at + 1);
    }
}
