package dev.vigil.connectors.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.connectors.ConnectorKit;
import dev.vigil.steps.StepFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster with its own CA, as Elasticsearch installs itself: HTTPS servers on 127.0.0.1 with self-signed
 * certificates made by the JDK's keytool. One names 127.0.0.1, the other only another host name.
 */
class ElasticTlsTest {

    @TempDir
    static Path dir;
    static Server rightName;
    static Server wrongName;

    record Server(HttpsServer https, String pem) {
        String url() {
            return "https://127.0.0.1:" + https.getAddress().getPort();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        // keytool is a JVM start each: run both at once
        Process right = keytool("right", "ip:127.0.0.1,dns:localhost");
        Process wrong = keytool("wrong", "dns:elastic.example");
        rightName = server("right", right);
        wrongName = server("wrong", wrong);
    }

    @AfterAll
    static void stop() {
        rightName.https().stop(0);
        wrongName.https().stop(0);
    }

    static Server server(String name, Process keytool) throws Exception {
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as("keytool for " + name + ": " + output).isZero();
        Path store = dir.resolve(name + ".p12");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context));
        https.createContext("/", exchange -> {
            byte[] body = ("{\"name\":\"tls-node\",\"cluster_name\":\"" + name + "\",\"version\":{\"number\":\"9.1.3\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        https.start();
        // the certificate in PEM, as Elasticsearch writes http_ca.crt
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getCertificate(name).getEncoded()) + "\n-----END CERTIFICATE-----\n";
        return new Server(https, pem);
    }

    /** A self-signed certificate for {@code san} with its key, in {@code <name>.p12}. */
    static Process keytool(String name, String san) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", name, "-keyalg", "EC", "-dname", "CN=" + name, "-ext", "SAN=" + san,
                "-validity", "2", "-keystore", dir.resolve(name + ".p12").toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    }

    static ConnectorKit kit(Server server, Map<String, Object> tls) {
        Map<String, Object> config = new LinkedHashMap<>(tls);
        config.put("baseUrl", server.url());
        return new ConnectorKit(new ElasticsearchConnector(), config, Map.of("apiKey", "a2V5"));
    }

    static StepFailure fails(ConnectorKit kit) {
        try {
            throw new AssertionError("expected the TLS handshake to fail, got " + kit.test());
        } catch (StepFailure failure) {
            return failure;
        }
    }

    @Test
    void aCertificateNoTrustedCaSignedIsRefusedByDefault() {
        StepFailure failure = fails(kit(rightName, Map.of()));
        assertThat(failure.getMessage()).contains("SSLHandshakeException");
    }

    @Test
    void theClustersCaCertificateIsTrustedWhenConfigured() throws StepFailure {
        assertThat(kit(rightName, Map.of("certificateAuthority", rightName.pem())).test())
                .startsWith("Elasticsearch 9.1.3 cluster 'right' answered at https://127.0.0.1:");
    }

    @Test
    void aTrustedCaDoesNotExcuseAWrongHostName() {
        StepFailure failure = fails(kit(wrongName, Map.of("certificateAuthority", wrongName.pem())));
        assertThat(failure.getMessage()).contains("SSLHandshakeException").contains("127.0.0.1");
    }

    @Test
    void anotherCaIsNotTrusted() {
        assertThat(fails(kit(rightName, Map.of("certificateAuthority", wrongName.pem()))).getMessage())
                .contains("SSLHandshakeException");
    }

    @Test
    void skipTlsVerifyAcceptsAnyCertificateAndHostNameAndSaysSo() throws StepFailure {
        assertThat(kit(wrongName, Map.of("skipTlsVerify", true)).test()).contains("cluster 'wrong'")
                .endsWith("(TLS verification is off)");
        assertThat(kit(rightName, Map.of("skipTlsVerify", "true")).test()).contains("cluster 'right'");
    }

    @Test
    void aCertificateAuthorityThatIsNotPemIsNamed() {
        assertThat(fails(kit(rightName, Map.of("certificateAuthority", "not a certificate"))).getMessage())
                .contains("config.certificateAuthority is not a PEM certificate");
    }
}
