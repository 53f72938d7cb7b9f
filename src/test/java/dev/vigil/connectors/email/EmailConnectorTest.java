package dev.vigil.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.connectors.ConnectorKit;
import dev.vigil.sims.TestCertificate;
import dev.vigil.steps.StepFailure;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

class EmailConnectorTest {

    static final String USER = "soc-bot";
    static final String PASSWORD = "mail-pass-7f3a9c";

    /** GreenMail presents this certificate on SMTPS (it reads the keystore from system properties when it starts). */
    static final TestCertificate CERT = greenMailCertificate();

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            local(ServerSetup.PROTOCOL_SMTP), local(ServerSetup.PROTOCOL_SMTPS)})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("soc-bot@vigil.test", USER, PASSWORD))
            .withPerMethodLifecycle(true);

    /** A server on 127.0.0.1 (the certificate's address) on a free port, given time to start on a busy machine. */
    static ServerSetup local(String protocol) {
        ServerSetup setup = new ServerSetup(0, "127.0.0.1", protocol).dynamicPort();
        setup.setServerStartupTimeout(30_000);
        return setup;
    }

    static TestCertificate greenMailCertificate() {
        TestCertificate cert = TestCertificate.create("GreenMail test server");
        System.setProperty("greenmail.tls.keystore.file", cert.keystore.toString());
        System.setProperty("greenmail.tls.keystore.password", TestCertificate.PASSWORD);
        return cert;
    }

    static ConnectorKit kit(Map<String, Object> config, String password) {
        Map<String, Object> all = new HashMap<>(config);
        all.putIfAbsent("host", "127.0.0.1");
        all.putIfAbsent("from", "Vigil SOC <soc-bot@vigil.test>");
        all.putIfAbsent("username", USER);
        return new ConnectorKit(new EmailConnector(), all, password == null ? Map.of() : Map.of("password", password));
    }

    static ConnectorKit smtps(Map<String, Object> more) {
        Map<String, Object> config = new HashMap<>(Map.of("security", "tls", "port", MAIL.getSmtps().getPort(),
                "caCertificate", CERT.pem));
        config.putAll(more);
        return kit(config, PASSWORD);
    }

    static Map<String, Object> email(Map<String, Object> more) {
        Map<String, Object> params = new HashMap<>(Map.of("to", List.of("ana@vigil.test", "ben@vigil.test"),
                "cc", List.of("lead@vigil.test"), "bcc", "audit@vigil.test",
                "subject", "Case IR-42 [high]", "message", "Malware on wks-7.\nHost isolated."));
        params.putAll(more);
        return params;
    }

    @Test
    void implicitTlsDeliversToEveryRecipientAndReportsTls() throws Exception {
        Object output = smtps(Map.of()).run(null, email(Map.of()));

        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(4);   // one copy per recipient: to, to, cc, bcc
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("Case IR-42 [high]");
        assertThat(GreenMailUtil.getBody(mail).replace("\r\n", "\n")).isEqualTo("Malware on wks-7.\nHost isolated.");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Vigil SOC <soc-bot@vigil.test>");
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactly("ana@vigil.test", "ben@vigil.test");
        assertThat(mail.getRecipients(Message.RecipientType.CC)[0].toString()).isEqualTo("lead@vigil.test");
        assertThat(mail.getHeader("Bcc")).as("bcc recipients stay hidden").isNull();

        assertThat(output).asInstanceOf(MAP).containsEntry("tls", true)
                .containsEntry("accepted", List.of("ana@vigil.test", "ben@vigil.test", "lead@vigil.test", "audit@vigil.test"))
                .containsEntry("rejected", List.of())
                .containsEntry("messageId", mail.getMessageID())
                .containsEntry("envelope", Map.of("from", "soc-bot@vigil.test", "to",
                        List.of("ana@vigil.test", "ben@vigil.test", "lead@vigil.test", "audit@vigil.test")));
        assertThat((String) ((Map<?, ?>) output).get("response")).startsWith("250");
    }

    @Test
    void starttlsUpgradesTheConnectionBeforeTheLoginAndTheMail() throws Exception {
        List<String> logins = new CopyOnWriteArrayList<>();
        List<String> delivered = new CopyOnWriteArrayList<>();
        SMTPServer server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("127.0.0.1")
                .startTlsSocketFactory(CERT.serverContext()).enableTLS().requireTLS()
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    if (!USER.equals(user) || !PASSWORD.equals(password)) {
                        throw new LoginFailedException();
                    }
                    logins.add(user);
                }))
                .requireAuth()
                .messageHandler((context, from, to, data) -> delivered.add(from + "\n" + new String(data,
                        java.nio.charset.StandardCharsets.UTF_8)))
                .build();
        server.start();
        try {
            Object output = kit(Map.of("security", "starttls", "port", server.getPortAllocated(),
                    "caCertificate", CERT.pem), PASSWORD).run(null, email(Map.of("cc", List.of(), "bcc", List.of())));

            // the server refuses AUTH and MAIL before STARTTLS (requireTLS): a login and a delivery mean TLS was on
            assertThat(logins).containsExactly("soc-bot");
            assertThat(delivered).singleElement().asString().startsWith("soc-bot@vigil.test\n")
                    .contains("Subject: Case IR-42 [high]").contains("To: ana@vigil.test, ben@vigil.test");
            assertThat(output).asInstanceOf(MAP).containsEntry("tls", true);
        } finally {
            server.stop();
        }
    }

    /** A {@code .email} connector as Kibana saves it: {service, host, port, secure, from, hasAuth} {user, password}. */
    static ConnectorKit kibanaStyle(Map<String, Object> config, Map<String, String> secrets) {
        Map<String, Object> all = new HashMap<>(Map.of("service", "other", "host", "127.0.0.1",
                "from", "soc-bot@vigil.test", "hasAuth", true, "caCertificate", CERT.pem));
        all.putAll(config);
        return new ConnectorKit(new EmailConnector(), all, secrets);
    }

    /** An SMTP server on 127.0.0.1 that requires STARTTLS, records logins, and takes mail with or without one. */
    static SMTPServer startTlsServer(List<String> logins, List<String> delivered) {
        SMTPServer server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("127.0.0.1")
                .startTlsSocketFactory(CERT.serverContext()).enableTLS().requireTLS()
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    if (!USER.equals(user) || !PASSWORD.equals(password)) {
                        throw new LoginFailedException();
                    }
                    logins.add(user);
                }))
                .messageHandler((context, from, to, data) -> delivered.add(from + "\n" + new String(data,
                        java.nio.charset.StandardCharsets.UTF_8)))
                .build();
        server.start();
        return server;
    }

    @Test
    void aKibanaConfigWithSecureTrueSendsOverImplicitTlsWithTheSecretUser() throws Exception {
        Object output = kibanaStyle(Map.of("port", MAIL.getSmtps().getPort(), "secure", true), Map.of("user", USER,
                "password", PASSWORD)).run(null, email(Map.of("cc", List.of(), "bcc", List.of())));

        assertThat(MAIL.getReceivedMessages()).hasSize(2);
        assertThat(output).asInstanceOf(MAP).containsEntry("tls", true);
        assertThat(kibanaStyle(Map.of("port", MAIL.getSmtps().getPort(), "secure", "true"),
                Map.of("user", USER, "password", PASSWORD)).test()).contains("(implicit TLS)", "logged in as soc-bot");
    }

    @Test
    void aKibanaConfigWithSecureFalseUpgradesWithStarttlsAndLogsInAsTheSecretUser() throws Exception {
        List<String> logins = new CopyOnWriteArrayList<>();
        List<String> delivered = new CopyOnWriteArrayList<>();
        SMTPServer server = startTlsServer(logins, delivered);
        try {
            Object output = kibanaStyle(Map.of("port", server.getPortAllocated(), "secure", false), Map.of("user",
                    USER, "password", PASSWORD)).run(null, email(Map.of("cc", List.of(), "bcc", List.of())));

            assertThat(logins).containsExactly("soc-bot");
            assertThat(delivered).singleElement().asString().startsWith("soc-bot@vigil.test\n");
            assertThat(output).asInstanceOf(MAP).containsEntry("tls", true);
        } finally {
            server.stop();
        }
    }

    @Test
    void hasAuthFalseSendsWithoutLoggingInEvenWithAUser() throws Exception {
        List<String> logins = new CopyOnWriteArrayList<>();
        List<String> delivered = new CopyOnWriteArrayList<>();
        SMTPServer server = startTlsServer(logins, delivered);
        try {
            ConnectorKit kit = kibanaStyle(Map.of("port", server.getPortAllocated(), "secure", false, "hasAuth", false),
                    Map.of("user", USER));
            kit.run(null, email(Map.of("cc", List.of(), "bcc", List.of())));

            assertThat(delivered).hasSize(1);
            assertThat(logins).isEmpty();
            assertThat(kit.test()).endsWith(", no login");
        } finally {
            server.stop();
        }
    }

    @Test
    void kibanaFlagsThatAreNotBooleansOrALoginThatIsMissingAreRefusedBeforeConnecting() {
        assertThat(kibanaStyle(Map.of("port", 1, "secure", "yes"), Map.of("user", USER, "password", PASSWORD))
                .fail(null, email(Map.of())).getMessage()).contains("config.secure must be true or false, got 'yes'");
        assertThat(kibanaStyle(Map.of("port", 1, "hasAuth", "maybe"), Map.of("user", USER, "password", PASSWORD))
                .fail(null, email(Map.of())).getMessage()).contains("config.hasAuth must be true or false");
        assertThat(kibanaStyle(Map.of("port", 1), Map.of()).fail(null, email(Map.of())).getMessage())
                .contains("config.hasAuth is true but the connector has no login");
        assertThat(kibanaStyle(Map.of("port", 1, "service", "exchange_server"), Map.of("user", USER, "password",
                PASSWORD)).fail(null, email(Map.of())).getMessage())
                .contains("exchange_server sends through Microsoft Graph");
    }

    @Test
    void securityWinsOverKibanasSecureFlag() throws StepFailure {
        ConnectorKit kit = kibanaStyle(Map.of("secure", true, "security", "starttls"), Map.of("user", USER,
                "password", PASSWORD));
        Properties props = SmtpSettings.of(dev.vigil.connectors.ConnectorCall.start(
                java.net.http.HttpClient.newHttpClient(), kit.connector(), null, Map.of(), Duration.ofSeconds(30),
                (l, m) -> { }, null)).properties();
        assertThat(props).containsEntry("mail.smtp.starttls.required", "true").containsEntry("mail.smtp.port", "587")
                .doesNotContainKey("mail.smtp.ssl.enable");
    }

    @Test
    void starttlsRefusesAServerThatDoesNotOfferIt() {
        StepFailure failure = kit(Map.of("security", "starttls", "port", MAIL.getSmtp().getPort()), PASSWORD)
                .fail(null, email(Map.of()));

        assertThat(failure.type()).isEqualTo("ConnectorExecutionError");
        assertThat(failure.getMessage()).contains("does not offer STARTTLS").contains("will not send");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aWrongPasswordFailsWithAClearMessageThatHidesThePassword() {
        StepFailure failure = kit(Map.of("security", "none", "port", MAIL.getSmtp().getPort()), "wrong-pass-9d2e")
                .fail(null, email(Map.of()));

        assertThat(failure.type()).isEqualTo("ConnectorExecutionError");
        assertThat(failure.getMessage()).startsWith("email: the SMTP server 127.0.0.1:" + MAIL.getSmtp().getPort()
                + " (no TLS) refused the login of user 'soc-bot'").contains("535")
                .contains("check the connector's username and password").doesNotContain("wrong-pass-9d2e");
        assertThat(MAIL.getReceivedMessages()).isEmpty();

        ConnectorKit wrong = kit(Map.of("security", "tls", "port", MAIL.getSmtps().getPort(), "caCertificate", CERT.pem),
                "wrong-pass-9d2e");
        StepFailure test = catchThrowableOfType(StepFailure.class, wrong::test);
        assertThat(test.getMessage()).contains("(implicit TLS) refused the login of user 'soc-bot'");
    }

    @Test
    void aCertificateTheConnectorDoesNotTrustStopsTheMail() {
        StepFailure failure = kit(Map.of("security", "tls", "port", MAIL.getSmtps().getPort()), PASSWORD)
                .fail(null, email(Map.of()));

        assertThat(failure.getMessage()).contains("TLS with the SMTP server 127.0.0.1:" + MAIL.getSmtps().getPort()
                + " (implicit TLS) failed").contains("config.caCertificate");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void messageHtmlMakesAMultipartAlternativeWithTheTextFirst() throws Exception {
        smtps(Map.of()).run(null, email(Map.of("to", "ana@vigil.test", "cc", "", "bcc", "",
                "messageHTML", "<p>Malware on <b>wks-7</b></p>")));

        MimeMessage mail = MAIL.getReceivedMessages()[0];
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(((String) parts.getBodyPart(1).getContent())).isEqualTo("<p>Malware on <b>wks-7</b></p>");
    }

    @Test
    void theSameStepSentAgainCarriesTheSameMessageId() throws Exception {
        ConnectorKit kit = smtps(Map.of());
        kit.run(null, email(Map.of("to", "ana@vigil.test", "cc", List.of(), "bcc", List.of())));
        kit.run(null, email(Map.of("to", "ana@vigil.test", "cc", List.of(), "bcc", List.of())));

        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getMessageID()).matches("<[0-9a-f]{32}@vigil\\.test>")
                .isEqualTo(received[1].getMessageID());
    }

    @Test
    void aTemporaryRefusalFailsAsRateLimitedWithTheSmtpCode() throws Exception {
        SMTPServer server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("127.0.0.1")
                .messageHandler((context, from, to, data) -> {
                    throw new RejectException(451, "4.7.1 Too many messages, try again later");
                })
                .build();
        server.start();
        try {
            StepFailure failure = kit(Map.of("security", "none", "port", server.getPortAllocated(), "username", ""),
                    null).fail(null, email(Map.of("cc", List.of(), "bcc", List.of())));
            assertThat(failure.type()).isEqualTo("RateLimited");
            assertThat(failure.getMessage()).contains("asks to try again later").contains("4.7.1 Too many messages");
            assertThat(failure.details()).containsEntry("smtpCode", 451L);
        } finally {
            server.stop();
        }
    }

    @Test
    void aPermanentRefusalFailsWithTheServersReply() throws Exception {
        SMTPServer server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("127.0.0.1")
                .messageHandler((context, from, to, data) -> {
                    throw new RejectException(554, "5.7.1 Message rejected as spam");
                })
                .build();
        server.start();
        try {
            StepFailure failure = kit(Map.of("security", "none", "port", server.getPortAllocated(), "username", ""),
                    null).fail(null, email(Map.of("cc", List.of(), "bcc", List.of())));
            assertThat(failure.type()).isEqualTo("ConnectorExecutionError");
            assertThat(failure.getMessage()).contains("5.7.1 Message rejected as spam");
        } finally {
            server.stop();
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheStepsTime() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            long start = System.nanoTime();
            StepFailure failure = kit(Map.of("security", "none", "port", silent.port(), "timeout", "30s"), PASSWORD)
                    .remaining(Duration.ofMillis(1500)).fail(null, email(Map.of()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(failure.type()).isEqualTo("TimeoutError");
            assertThat(failure.getMessage()).contains("did not answer within");
            assertThat(took).isLessThan(Duration.ofSeconds(6));
        }
    }

    @Test
    void everySocketWaitIsBoundedByTheTimeoutOrTheStepsRemainingTime() throws StepFailure {
        ConnectorKit kit = kit(Map.of("security", "starttls", "timeout", "20s"), PASSWORD);
        Properties props = SmtpSettings.of(dev.vigil.connectors.ConnectorCall.start(java.net.http.HttpClient.newHttpClient(),
                kit.connector(), null, Map.of(), Duration.ofSeconds(300), (l, m) -> { }, null)).properties();
        assertThat(props).containsEntry("mail.smtp.connectiontimeout", "20000").containsEntry("mail.smtp.timeout", "20000")
                .containsEntry("mail.smtp.writetimeout", "20000").containsEntry("mail.smtp.port", "587")
                .containsEntry("mail.smtp.starttls.required", "true").containsEntry("mail.smtp.ssl.checkserveridentity", "true");

        Properties cut = SmtpSettings.of(dev.vigil.connectors.ConnectorCall.start(java.net.http.HttpClient.newHttpClient(),
                kit.connector(), null, Map.of(), Duration.ofSeconds(5), (l, m) -> { }, null)).properties();
        assertThat(Long.parseLong(cut.getProperty("mail.smtp.timeout"))).isBetween(1L, 5000L);
    }

    @Test
    void testConnectionLogsInWithoutSending() throws StepFailure {
        assertThat(smtps(Map.of()).test()).isEqualTo("connected to 127.0.0.1:" + MAIL.getSmtps().getPort()
                + " (implicit TLS), encrypted, logged in as soc-bot");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void badParamsAndSettingsAreRefusedBeforeConnecting() {
        ConnectorKit kit = kit(Map.of("security", "none", "port", 1), PASSWORD);
        assertThat(kit.fail(null, email(Map.of("to", "not an address", "cc", "", "bcc", ""))).getMessage())
                .contains("with.to has an address that is not valid, 'not an address'");
        assertThat(kit.fail(null, Map.of("subject", "s", "message", "m")).getMessage()).contains("has no recipient");
        assertThat(kit.fail(null, email(Map.of("subject", ""))).getMessage()).contains("with.subject is required");
        assertThat(kit(Map.of("security", "ssl3"), PASSWORD).fail(null, email(Map.of())).getMessage())
                .contains("config.security 'ssl3' is not one of starttls, tls, none");
    }

    /** Accepts connections and never says a word, as a hung mail server does. */
    static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor = Thread.ofVirtual().start(() -> {
            try {
                while (!socket.isClosed()) {
                    Socket s = socket.accept();
                    synchronized (held) {
                        held.add(s);
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        });

        SilentServer() throws IOException {
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
