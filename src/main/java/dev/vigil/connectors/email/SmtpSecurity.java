package dev.vigil.connectors.email;

import java.util.Locale;

/** How the connection to the SMTP server is protected ({@code config.security}). */
enum SmtpSecurity {
    /** Plain connection upgraded with STARTTLS before anything else is sent; a server without it is refused. */
    STARTTLS(587),
    /** TLS from the first byte ("implicit TLS", SMTPS). */
    TLS(465),
    /** No TLS: only for relays on a trusted network. */
    NONE(25);

    final int defaultPort;

    SmtpSecurity(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /**
     * {@code starttls}, {@code tls} ({@code ssl}, {@code smtps}) or {@code none}; without it, Kibana's {@code secure}
     * flag ({@code true}: TLS from the first byte; {@code false} or absent: STARTTLS).
     *
     * @throws IllegalArgumentException for any other word
     */
    static SmtpSecurity of(String security, Boolean secure) {
        if (security == null || security.isBlank()) {
            return Boolean.TRUE.equals(secure) ? TLS : STARTTLS;
        }
        return switch (security.strip().toLowerCase(Locale.ROOT)) {
            case "starttls" -> STARTTLS;
            case "tls", "ssl", "smtps", "implicit" -> TLS;
            case "none", "plain" -> NONE;
            default -> throw new IllegalArgumentException("config.security '" + security
                    + "' is not one of starttls, tls, none");
        };
    }

    String label() {
        return switch (this) {
            case STARTTLS -> "STARTTLS";
            case TLS -> "implicit TLS";
            case NONE -> "no TLS";
        };
    }
}
