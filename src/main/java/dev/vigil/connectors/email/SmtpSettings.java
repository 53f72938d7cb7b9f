package dev.vigil.connectors.email;

import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.model.Durations;
import dev.vigil.secrets.KnownSecrets;
import dev.vigil.steps.StepFailure;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where and how one email goes out: the SMTP server of a connector, its protection, login, sender, trust, and the
 * limit on each network wait — the connector's {@code timeout} (30 s by default), never longer than the time the
 * step has left, applied to connecting, to each read and to each write.
 *
 * @param username null to send without logging in
 * @param trust    null to trust the JVM's certificate authorities
 */
record SmtpSettings(String host, int port, SmtpSecurity security, String username, String password,
                    InternetAddress from, SSLSocketFactory trust, Duration timeout) {

    static SmtpSettings of(ConnectorCall call) throws StepFailure {
        Connector c = call.connector();
        try {
            if ("exchange_server".equalsIgnoreCase(String.valueOf(c.option("service")).strip())) {
                throw new IllegalArgumentException("config.service exchange_server sends through Microsoft Graph,"
                        + " which Vigil does not do; give the Exchange server's SMTP host and port instead");
            }
            SmtpSecurity security = SmtpSecurity.of(c.option("security"), flag(c, "secure"));
            String port = c.option("port");
            if (port != null && !port.strip().matches("\\d{1,5}")) {
                throw new IllegalArgumentException("config.port '" + port + "' is not a port number");
            }
            String username = login(c);
            String password = username == null ? null : c.requireSecret("password");
            KnownSecrets.add(password);
            InternetAddress from = new InternetAddress(c.requireOption("from"), true);
            String pem = c.option("caCertificate");
            return new SmtpSettings(c.requireOption("host"), port == null ? security.defaultPort
                    : Integer.parseInt(port.strip()), security, username, password, from,
                    pem == null || pem.isBlank() ? null : PemTrust.socketFactory(pem), limit(call));
        } catch (AddressException e) {
            throw call.failure("config.from is not an email address: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw call.failure(e.getMessage());
        }
    }

    /**
     * The login: {@code config.username}, else Kibana's secret {@code user}; null (no login) when neither is given
     * or Kibana's {@code hasAuth} is false.
     */
    private static String login(Connector c) {
        Boolean hasAuth = flag(c, "hasAuth");
        if (Boolean.FALSE.equals(hasAuth)) {
            return null;
        }
        String username = c.option("username") != null ? c.option("username") : c.secret("user");
        username = username == null || username.isBlank() ? null : username;
        if (username == null && Boolean.TRUE.equals(hasAuth)) {
            throw new IllegalArgumentException("config.hasAuth is true but the connector has no login: give"
                    + " secrets.user (or config.username) and secrets.password");
        }
        return username;
    }

    /** A true/false option (a JSON boolean or its text), null when absent. */
    static Boolean flag(Connector c, String name) {
        String value = c.option(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("config." + name + " must be true or false, got '" + value
                    + "'");
        };
    }

    /** The connector's timeout, cut to the time the step has left; fails when none is left. */
    private static Duration limit(ConnectorCall call) throws StepFailure {
        String option = call.connector().option("timeout");
        Duration timeout = option != null && Durations.isValid(option) ? Durations.parse(option)
                : ConnectorHttp.DEFAULT_TIMEOUT;
        Duration remaining = call.remaining();
        if (remaining != null && remaining.compareTo(timeout) < 0) {
            if (remaining.isZero() || remaining.isNegative()) {
                throw new StepFailure("TimeoutError", call.action() + ": no time left to send the email", null);
            }
            return remaining;
        }
        return timeout;
    }

    /** Jakarta Mail's settings for this server (package-visible for tests). */
    Properties properties() {
        Properties props = new Properties();
        String millis = String.valueOf(Math.max(1, timeout.toMillis()));
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        props.put("mail.smtp.auth", String.valueOf(username != null));
        props.put("mail.smtp.from", from.getAddress());
        switch (security) {
            case STARTTLS -> {
                props.put("mail.smtp.starttls.enable", "true");
                // without this a server (or someone in between) that hides STARTTLS gets the password in clear
                props.put("mail.smtp.starttls.required", "true");
            }
            case TLS -> props.put("mail.smtp.ssl.enable", "true");
            case NONE -> { }
        }
        if (security != SmtpSecurity.NONE) {
            props.put("mail.smtp.ssl.checkserveridentity", "true");
            props.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
            if (trust != null) {
                props.put("mail.smtp.ssl.socketFactory", trust);
            }
        }
        return props;
    }

    Session session() {
        return Session.getInstance(properties());
    }

    /** "smtp.example.com:587 (STARTTLS)", for messages. */
    String describe() {
        return host + ":" + port + " (" + security.label() + ")";
    }
}
