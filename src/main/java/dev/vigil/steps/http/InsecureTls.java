package dev.vigil.steps.http;

import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client for {@code fetcher.skip_ssl_verification: true}: trusts any certificate and any host name. An
 * {@link X509ExtendedTrustManager} that accepts everything also skips the host name check, which JSSE performs
 * inside the trust manager; this avoids the JVM-wide {@code jdk.internal.httpclient.disableHostnameVerification}.
 */
public final class InsecureTls {

    private InsecureTls() {
    }

    /** A client with the same timeouts, proxy and redirect policy as {@code base} but no TLS verification. */
    public static HttpClient clientLike(HttpClient base) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(base.followRedirects())
                .version(base.version())
                .connectTimeout(base.connectTimeout().orElse(HttpStep.DEFAULT_CONNECT_TIMEOUT))
                .sslContext(trustAll());
        base.proxy().ifPresent(builder::proxy);
        base.executor().ifPresent(builder::executor);
        return builder.build();
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS support in this JVM", e);
        }
    }

    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
