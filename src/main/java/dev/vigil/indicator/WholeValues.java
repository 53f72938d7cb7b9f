package dev.vigil.indicator;

import java.util.Locale;
import java.util.Optional;

/** Validates and normalizes one whole value of a given kind; used for hinted fields and for text matches. */
final class WholeValues {

    private WholeValues() {
    }

    static Optional<Found> ip(String text, int start) {
        long v4 = Ipv4.parse(text);
        if (v4 >= 0) {
            return Optional.of(new Found(start, IndicatorType.IPV4, Ipv4.format(v4), Ipv4.routable(v4)));
        }
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int[] v6 = bare.indexOf(':') >= 0 ? Ipv6.parse(bare) : null;
        return v6 == null ? Optional.empty()
                : Optional.of(new Found(start, IndicatorType.IPV6, Ipv6.format(v6), Ipv6.routable(v6)));
    }

    /** A hash is known by its length alone: 32, 40 or 64 hex digits. */
    static Optional<Found> hash(String text, int start) {
        IndicatorType type = switch (text.length()) {
            case 32 -> IndicatorType.MD5;
            case 40 -> IndicatorType.SHA1;
            case 64 -> IndicatorType.SHA256;
            default -> null;
        };
        if (type == null || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(new Found(start, type, text.toLowerCase(Locale.ROOT), true));
    }

    /** A host name with a real public suffix; {@code inText} adds the file-name and field-name guards. */
    static Optional<Found> domain(String text, int start, boolean inText) {
        String name = Domains.normalize(text);
        boolean ok = inText ? Domains.isDomainInText(name) : Domains.isDomain(name);
        return ok ? Optional.of(new Found(start, IndicatorType.DOMAIN, name, true)) : Optional.empty();
    }

    /**
     * {@code local@host}: the {@code @} is signal enough, so the host need not have a public suffix (internal
     * {@code corp.example} mail is still mail). Lower-cased whole: mail systems treat local parts
     * case-insensitively, and two indicators for {@code Bob@} and {@code bob@} help nobody.
     */
    static Optional<Found> email(String text, int start) {
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1 || text.indexOf('@') != at) {
            return Optional.empty();
        }
        String local = text.substring(0, at);
        String host = Domains.normalize(text.substring(at + 1));
        if (!local.matches("[A-Za-z0-9._%+'-]+") || local.startsWith(".") || local.endsWith(".")
                || host.indexOf('.') < 0 || !Domains.isHostName(host)) {
            return Optional.empty();
        }
        return Optional.of(new Found(start, IndicatorType.EMAIL, (local + "@" + host).toLowerCase(Locale.ROOT), true));
    }

    /** {@code scheme://host...} with a valid host; scheme and host lower-cased, the rest kept as sent. */
    static Optional<Found> url(String text, int start) {
        int sep = text.indexOf("://");
        if (sep <= 0 || !text.substring(0, sep).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            return Optional.empty();
        }
        int authorityEnd = sep + 3;
        while (authorityEnd < text.length() && "/?#".indexOf(text.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = text.substring(sep + 3, authorityEnd);
        int userEnd = authority.lastIndexOf('@') + 1;
        String hostPort = authority.substring(userEnd);
        String host = hostPort.startsWith("[") ? hostPort.substring(0, hostPort.indexOf(']') + 1)
                : hostPort.contains(":") ? hostPort.substring(0, hostPort.indexOf(':')) : hostPort;
        String port = hostPort.substring(host.length());
        if (host.isEmpty() || !(port.isEmpty() || port.matches(":[0-9]{1,5}")) || !validHost(host)) {
            return Optional.empty();
        }
        String value = text.substring(0, sep).toLowerCase(Locale.ROOT) + "://" + authority.substring(0, userEnd)
                + host.toLowerCase(Locale.ROOT) + port + text.substring(authorityEnd);
        return Optional.of(new Found(start, IndicatorType.URL, value, true));
    }

    private static boolean validHost(String host) {
        if (host.startsWith("[")) {
            return host.endsWith("]") && Ipv6.parse(host.substring(1, host.length() - 1)) != null;
        }
        return Ipv4.parse(host) >= 0 || Domains.isHostName(Domains.normalize(host));
    }
}
