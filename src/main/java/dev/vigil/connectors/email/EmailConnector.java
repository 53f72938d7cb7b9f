package dev.vigil.connectors.email;

import dev.vigil.connectors.ConfigField;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorType;
import dev.vigil.steps.StepFailure;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Email over SMTP with Jakarta Mail (Eclipse Angus): the step form {@code email} with Kibana's {@code .email}
 * params ({@link OutgoingEmail}), sent through the connector's server ({@link SmtpSettings}) over STARTTLS, implicit
 * TLS, or — on a trusted network only — no TLS. The output is Kibana's (nodemailer's) shape: {@code messageId},
 * {@code accepted}, {@code rejected}, {@code envelope}, the server's {@code response}, and {@code tls}.
 */
public final class EmailConnector implements ConnectorType {

    @Override
    public String id() {
        return "email";
    }

    @Override
    public String summary() {
        return "Email over SMTP, with STARTTLS or implicit TLS and a login";
    }

    @Override
    public List<ConfigField> fields() {
        return List.of(
                ConfigField.requiredOption("host", "the SMTP server"),
                ConfigField.option("port", "default 587 for starttls, 465 for tls, 25 for none"),
                ConfigField.option("security", "starttls (default), tls (implicit TLS) or none"),
                ConfigField.option("secure", "Kibana's flag: true is implicit TLS, false STARTTLS; security wins"),
                ConfigField.requiredOption("from", "the sender, 'SOC <soc@example.com>'"),
                ConfigField.option("username", "the login; without it mail is sent without logging in"),
                ConfigField.option("hasAuth", "Kibana's flag: false sends without logging in"),
                ConfigField.option("service", "Kibana's service name, kept for reference; host and port decide"),
                ConfigField.option("caCertificate", "PEM certificate(s) to trust instead of the JVM's CAs"),
                ConfigField.option("timeout", "longest wait to connect, and for each read and write (default 30s)"),
                ConfigField.secret("user", "Kibana's place for the login (config.username wins)"),
                ConfigField.secret("password", "the login's password"));
    }

    @Override
    public Set<String> subActions() {
        return Set.of();
    }

    @Override
    public boolean acceptsNoSubAction() {
        return true;
    }

    @Override
    public Object execute(ConnectorCall call) throws StepFailure {
        if (call.subAction() != null) {
            throw call.failure("email has no sub-actions; use the step type email");
        }
        SmtpSettings smtp = SmtpSettings.of(call);
        OutgoingEmail email = OutgoingEmail.of(call);
        warnWithoutTls(call, smtp);
        Session session = smtp.session();
        SMTPTransport transport = null;
        try {
            transport = (SMTPTransport) session.getTransport("smtp");
            MimeMessage message = email.toMime(session, smtp.from(), call.idempotencyKey());
            call.log("info", call.action() + ": sending to " + email.recipients().size() + " recipients through "
                    + smtp.describe());
            transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
            transport.sendMessage(message, email.recipients().toArray(InternetAddress[]::new));
            List<String> accepted = email.recipients().stream().map(InternetAddress::getAddress).toList();
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("messageId", message.getMessageID());
            output.put("accepted", accepted);
            output.put("rejected", List.of());
            output.put("envelope", Map.of("from", smtp.from().getAddress(), "to", accepted));
            output.put("response", String.valueOf(transport.getLastServerResponse()).strip());
            output.put("tls", transport.isSSL());
            return output;
        } catch (MessagingException e) {
            throw SmtpFailures.of(call, smtp, e, transport == null ? -1 : transport.getLastReturnCode());
        } finally {
            close(transport);
        }
    }

    /** Connects and logs in (when the connector has a username), sends nothing. */
    @Override
    public String test(ConnectorCall call) throws StepFailure {
        SmtpSettings smtp = SmtpSettings.of(call);
        warnWithoutTls(call, smtp);
        SMTPTransport transport = null;
        try {
            transport = (SMTPTransport) smtp.session().getTransport("smtp");
            transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
            return "connected to " + smtp.describe() + (transport.isSSL() ? ", encrypted" : ", not encrypted")
                    + (smtp.username() == null ? ", no login" : ", logged in as " + smtp.username());
        } catch (MessagingException e) {
            throw SmtpFailures.of(call, smtp, e, transport == null ? -1 : transport.getLastReturnCode());
        } finally {
            close(transport);
        }
    }

    /** Once the mail is accepted, a failed QUIT must not fail the step: a retry would send it twice. */
    private static void close(SMTPTransport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the server already has the mail, or never got it; either way there is nothing left to do
            }
        }
    }

    private static void warnWithoutTls(ConnectorCall call, SmtpSettings smtp) {
        if (smtp.security() == SmtpSecurity.NONE && smtp.username() != null) {
            call.log("warn", call.action() + ": config.security is none: the password for " + smtp.username()
                    + " crosses the network unencrypted");
        }
    }
}
