package dev.vigil.connectors.email;

import dev.vigil.connectors.ConnectorCall;
import dev.vigil.secrets.KnownSecrets;
import dev.vigil.steps.StepFailure;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Jakarta Mail's exceptions as step failures that say what went wrong in the operator's terms: a refused login, a
 * refused recipient, a server that did not answer in time, TLS that failed and why. The failure types match the
 * HTTP connectors' ({@code TimeoutError}, {@code ConnectionRefused}, {@code NetworkError},
 * {@code ConnectorExecutionError}), so {@code on-failure} conditions read the same for every connector.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    /**
     * @param lastCode the transport's last SMTP reply code, or -1: the reply to a greeting or command that failed
     *                 is not always in the exception
     */
    static StepFailure of(ConnectorCall call, SmtpSettings smtp, MessagingException e, int lastCode) {
        String server = smtp.describe();
        int code = replyCode(e, lastCode);
        if (code >= 400 && code < 500 && !(e instanceof AuthenticationFailedException)) {
            // 4xx is SMTP's "try again later": a rate limit (421 4.7.0, 450 4.2.1, 452), greylisting, a busy server
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("smtpCode", (long) code);
            return failure(call, "RateLimited", "the SMTP server " + server + " asks to try again later" + reply(e),
                    details);
        }
        if (e instanceof AuthenticationFailedException) {
            return failure(call, "ConnectorExecutionError", "the SMTP server " + server + " refused the login of user '"
                    + smtp.username() + "'" + reply(e) + "; check the connector's username and password", null);
        }
        if (e instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                && refused.getInvalidAddresses().length > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("rejected", addresses(refused.getInvalidAddresses()));
            details.put("unsent", addresses(refused.getValidUnsentAddresses()));
            return failure(call, "ConnectorExecutionError", "the SMTP server " + server + " refused recipients "
                    + details.get("rejected") + reply(e), details);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            switch (t) {
                case SocketTimeoutException timeout -> {
                    return failure(call, "TimeoutError", "the SMTP server " + server + " did not answer within "
                            + smtp.timeout().toMillis() + " ms", null);
                }
                case ConnectException refused -> {
                    return failure(call, "ConnectionRefused", "connection to the SMTP server " + server + " refused",
                            null);
                }
                case UnknownHostException unknown -> {
                    return failure(call, "NetworkError", "the SMTP host " + smtp.host() + " is unknown", null);
                }
                case SSLException tls -> {
                    return failure(call, "ConnectorExecutionError", "TLS with the SMTP server " + server + " failed: "
                            + tls.getMessage() + " (a private CA or a self-signed certificate goes in"
                            + " config.caCertificate)", null);
                }
                default -> { }
            }
        }
        String text = String.valueOf(e.getMessage());
        if (text.contains("STARTTLS is required")) {
            return failure(call, "ConnectorExecutionError", "the SMTP server " + server + " does not offer STARTTLS;"
                    + " Vigil will not send the login and the mail unencrypted (config.security: tls if it takes"
                    + " implicit TLS, none only on a trusted network)", null);
        }
        boolean network = e.getCause() instanceof IOException;
        return failure(call, network ? "NetworkError" : "ConnectorExecutionError", "sending through the SMTP server "
                + server + " failed: " + text, null);
    }

    /** The reply code a failed command got: from the exception chain, else the transport's last one. */
    private static int replyCode(MessagingException e, int lastCode) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPSendFailedException sent) {
                return sent.getReturnCode();
            }
            if (x instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
        }
        return lastCode;
    }

    /** The server's reply, when the exception carries one. */
    private static String reply(MessagingException e) {
        String text = e.getMessage();
        return text == null || text.isBlank() ? "" : ": " + text.strip();
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    private static StepFailure failure(ConnectorCall call, String type, String message, Map<String, Object> details) {
        return new StepFailure(type, KnownSecrets.redact(call.action() + ": " + message), details);
    }
}
