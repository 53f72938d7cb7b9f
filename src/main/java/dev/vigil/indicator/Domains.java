package dev.vigil.indicator;

import com.google.common.net.InternetDomainName;
import java.util.Locale;
import java.util.Set;

/**
 * Which names are real domains. Guava's {@link InternetDomainName} carries the Mozilla public suffix list, kept
 * up to date with every Guava release; a hand-kept TLD list would rot as new gTLDs appear. Only the ICANN part of
 * the list (the "registry suffix") counts, so {@code evil.github.io} is a domain and {@code co.uk} alone is not.
 */
final class Domains {

    /**
     * TLDs that are also common file extensions ({@code invoice.zip}, {@code clip.mov}, {@code install.sh},
     * {@code run.py}, {@code README.md}). Found loose in free text such a name is far more often a file than a
     * domain, so it is not reported there; in a domain field, a URL or an e-mail it is a domain like any other.
     * Extensions that are not TLDs at all ({@code .exe}, {@code .dll}, {@code .pdf}) never pass the suffix check.
     */
    private static final Set<String> FILE_EXTENSION_TLDS = Set.of(
            "zip", "mov", "sh", "py", "pl", "rs", "md", "ps", "so");

    /**
     * ECS field names quoted in rule descriptions ({@code user.name}, {@code user.email}, {@code host.id}) look like
     * domains because .name, .email, .id and others are real TLDs. A name is taken as a field name only when both
     * its first label is an ECS field set and its last a field leaf, so {@code file.io} stays a domain.
     */
    private static final Set<String> ECS_FIELD_SETS = Set.of(
            "agent", "client", "cloud", "container", "destination", "dll", "dns", "ecs", "email", "error", "event",
            "file", "group", "host", "http", "kibana", "log", "network", "observer", "orchestrator", "organization",
            "package", "process", "registry", "related", "rule", "server", "service", "signal", "source", "threat",
            "tls", "trace", "url", "user", "user_agent", "vulnerability", "alert", "parent", "hash", "os", "geo");

    private static final Set<String> FIELD_LEAVES = Set.of(
            "name", "id", "email", "domain", "type", "hash", "path", "ip", "address", "action", "category", "kind",
            "outcome", "reason", "severity", "status", "code", "group", "full", "original", "hostname", "executable",
            "title", "version", "uuid", "risk", "score", "app", "run", "data", "zone", "provider", "module", "dataset");

    private Domains() {
    }

    /** True when {@code name} (lower case) is syntactically a host name under an ICANN public suffix. */
    static boolean isDomain(String name) {
        if (!InternetDomainName.isValid(name)) {
            return false;
        }
        InternetDomainName domain = InternetDomainName.from(name);
        return domain.hasRegistrySuffix() && !domain.isRegistrySuffix();
    }

    /** {@link #isDomain} plus the guards against file names and field names that only apply to free text. */
    static boolean isDomainInText(String name) {
        int firstDot = name.indexOf('.');
        String tld = name.substring(name.lastIndexOf('.') + 1);
        return isDomain(name)
                && !FILE_EXTENSION_TLDS.contains(tld)
                && !(ECS_FIELD_SETS.contains(name.substring(0, firstDot)) && FIELD_LEAVES.contains(tld));
    }

    /** A syntactically valid host name (any number of labels), used for URL hosts and e-mail domains. */
    static boolean isHostName(String name) {
        return InternetDomainName.isValid(name);
    }

    static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
