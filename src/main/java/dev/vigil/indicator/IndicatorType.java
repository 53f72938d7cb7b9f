package dev.vigil.indicator;

/** The kinds of indicator Vigil extracts; {@link #wireName()} is what JSON, templates and enrichers see. */
public enum IndicatorType {
    IPV4("ipv4"),
    IPV6("ipv6"),
    DOMAIN("domain"),
    URL("url"),
    MD5("md5"),
    SHA1("sha1"),
    SHA256("sha256"),
    EMAIL("email");

    private final String wireName;

    IndicatorType(String wireName) {
        this.wireName = wireName;
    }

    /** Stable short id, never renamed: stored results and workflows key on it. */
    public String wireName() {
        return wireName;
    }

    /** The type with this wire name, if any. */
    public static java.util.Optional<IndicatorType> fromWireName(String wireName) {
        for (IndicatorType type : values()) {
            if (type.wireName.equals(wireName)) {
                return java.util.Optional.of(type);
            }
        }
        return java.util.Optional.empty();
    }

    public boolean isIp() {
        return this == IPV4 || this == IPV6;
    }
}
