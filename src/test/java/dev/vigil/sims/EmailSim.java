package dev.vigil.sims;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A mail relay on a submission port, for the {@code email} connector: STARTTLS before anything else (with a
 * certificate for 127.0.0.1 made when the class loads, see {@link #certificatePem()}), then a login as
 * {@link #USER}; it keeps every mail it takes. {@link #url()} is {@code smtp://127.0.0.1:PORT}; the mails are also
 * listed as JSON at {@code GET /messages} of {@link #webUrl()}, to see what a workflow sent.
 */
public final class EmailSim extends Simulator {

    public static final String USER = "vigil-mailer";
    public static final String PASSWORD = "dev-mail-pass-4e1b9c";
    public static final String FROM = "Vigil SOC <soc@vigil.test>";

    private static final TestCertificate CERT = TestCertificate.create("Vigil email simulator");

    /** One mail as the relay took it: the envelope, who logged in, and the subject and text read from it. */
    public record Mail(String from, String to, String login, String subject, String text, String raw) {
    }

    private final List<Mail> mails = new CopyOnWriteArrayList<>();
    private final List<String> logins = new CopyOnWriteArrayList<>();
    private final SMTPServer smtp;

    public EmailSim() {
        smtp = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("127.0.0.1")
                .startTlsSocketFactory(CERT.serverContext()).enableTLS().requireTLS()
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    if (!USER.equals(user) || !PASSWORD.equals(password)) {
                        throw new LoginFailedException();
                    }
                    logins.add(user);
                }))
                .requireAuth()
                .messageHandler((context, from, to, data) -> mails.add(mail(from, to,
                        context.getAuthenticationHandler().map(h -> String.valueOf(h.getIdentity())).orElse(null),
                        data)))
                .build();
        smtp.start();
        route("GET", "/messages", (request, path) -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Mail m : mails) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("from", m.from());
                one.put("to", m.to());
                one.put("subject", m.subject());
                one.put("text", m.text());
                out.add(one);
            }
            return Response.json(out);
        });
    }

    @Override
    public String name() {
        return "SMTP relay (STARTTLS, login; mail at " + webUrl() + "/messages)";
    }

    /** The SMTP server, {@code smtp://127.0.0.1:PORT}: what the connector's host and port point at. */
    @Override
    public String url() {
        return "smtp://127.0.0.1:" + smtpPort();
    }

    public int smtpPort() {
        return smtp.getPortAllocated();
    }

    /** The HTTP side, where {@code GET /messages} lists the mails. */
    public String webUrl() {
        return super.url();
    }

    /** The relay's certificate, for the connector's {@code caCertificate}. */
    public static String certificatePem() {
        return CERT.pem;
    }

    public List<Mail> mails() {
        return List.copyOf(mails);
    }

    /** The users that logged in, one entry per login (a "test connection" logs in too). */
    public List<String> logins() {
        return List.copyOf(logins);
    }

    @Override
    public void close() {
        smtp.stop();
        super.close();
    }

    private static Mail mail(String from, String to, String login, byte[] data) {
        String raw = new String(data, StandardCharsets.UTF_8);
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(data));
            return new Mail(from, to, login, message.getSubject(), text(message.getContent()), raw);
        } catch (MessagingException | IOException e) {
            return new Mail(from, to, login, null, null, raw);
        }
    }

    /** The plain text (without the line end SMTP adds): the content itself, or the first part of a multipart mail. */
    private static String text(Object content) throws MessagingException, IOException {
        if (content instanceof Multipart parts && parts.getCount() > 0) {
            return text(parts.getBodyPart(0).getContent());
        }
        return content instanceof String s ? s.replace("\r\n", "\n").stripTrailing() : null;
    }
}
