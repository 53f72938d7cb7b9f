package dev.vigil.indicator;

import java.util.Objects;

/**
 * One indicator of compromise found in an alert.
 *
 * @param type     what it is
 * @param value    normalized (refanged; domains, hashes and e-mails lower-cased; IPv6 compressed; URL scheme and
 *                 host lower-cased), so equal indicators are equal strings
 * @param path     where it was first found, e.g. {@code alerts[0].source.ip}
 * @param routable for IPs, false for private, loopback, link-local, documentation and other reserved ranges, so
 *                 enrichment can skip addresses no outside service knows; always true for the other types
 */
public record Indicator(IndicatorType type, String value, String path, boolean routable) {

    public Indicator {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(path, "path");
    }

    /** The identity used for "distinct": the same value seen at two paths is one indicator. */
    record Key(IndicatorType type, String value) {
    }

    Key key() {
        return new Key(type, value);
    }
}
