package dev.vigil.connectors.elastic;

import dev.vigil.connectors.Connector;
import dev.vigil.connectors.ConnectorCall;
import dev.vigil.connectors.ConnectorHttp;
import dev.vigil.model.Durations;
import dev.vigil.steps.StepFailure;
import dev.vigil.steps.http.InsecureTls;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for clusters whose certificate no public CA signed, which is how Elasticsearch and Kibana install themselves:
 * <ul>
 *   <li>{@code certificateAuthority} (PEM, e.g. the cluster's {@code http_ca.crt}): only that CA is trusted and the
 *       host name is still checked. This is the safe way.</li>
 *   <li>{@code skipTlsVerify: true}: any certificate and host name are accepted, so anyone between Vigil and the
 *       cluster could read the credentials. For a lab only. It applies to this connector's requests alone: its own
 *       client, never the JVM-wide switches.</li>
 * </ul>
 * Clients are built once per setting and kept: each holds a selector thread and a connection pool.
 */
final class ElasticTls {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Map<String, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private ElasticTls() {
    }

    static boolean skipsVerification(Connector c) {
        return "true".equalsIgnoreCase(String.valueOf(c.config().get("skipTlsVerify")));
    }

    /** The call's HTTP client, or one with this connector's TLS settings, bound to the same deadline and log. */
    static ConnectorHttp http(ConnectorCall call) throws StepFailure {
        Connector c = call.connector();
        String ca = c.option("certificateAuthority");
        boolean skip = skipsVerification(c);
        if ((ca == null || ca.isBlank()) && !skip) {
            return call.http();
        }
        HttpClient client = skip ? CLIENTS.computeIfAbsent("insecure", k -> InsecureTls.clientLike(base()))
                : trusting(c, ca);
        Duration timeout = ConnectorHttp.DEFAULT_TIMEOUT;
        String option = c.option("timeout");
        if (option != null && Durations.isValid(option)) {
            timeout = Durations.parse(option);
        }
        return new ConnectorHttp(client, call.remaining(), timeout, call.logger(), call.action());
    }

    private static HttpClient base() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    private static HttpClient trusting(Connector c, String pem) throws StepFailure {
        String key = "ca:" + sha256(pem.strip());
        HttpClient cached = CLIENTS.get(key);
        if (cached != null) {
            return cached;
        }
        SSLContext context = context(c, pem);
        return CLIENTS.computeIfAbsent(key, k -> HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT).sslContext(context).build());
    }

    private static SSLContext context(Connector c, String pem) throws StepFailure {
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("no certificate in it");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new StepFailure("ConnectorExecutionError", "connector " + c.name() + ": config.certificateAuthority"
                    + " is not a PEM certificate (-----BEGIN CERTIFICATE----- ...): " + e.getMessage(), null);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
