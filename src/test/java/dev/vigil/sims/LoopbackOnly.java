package dev.vigil.sims;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * An HTTP client for tests that run workflows written by others: requests to 127.0.0.1 (the simulators) go out as
 * usual, anything else is sent to a proxy on a loopback port nobody listens on, so it fails at once with
 * "connection refused" and no byte (not even a DNS lookup: the proxy would resolve the name) leaves the machine.
 * The corpus has {@code http} steps with full URLs (https://www.virustotal.com/...), and tests talk to 127.0.0.1
 * only.
 */
public final class LoopbackOnly {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    /** Port 1 (tcpmux) on loopback: nothing listens there on these machines, so every connect is refused. */
    private static final Proxy NOWHERE = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 1));

    private LoopbackOnly() {
    }

    /** Like {@code HttpStep.defaultClient()}, but unable to reach anything beyond this machine. */
    public static HttpClient client() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5))
                .executor(Runnable::run).proxy(new ProxySelector() {
                    @Override
                    public List<Proxy> select(URI uri) {
                        return LOOPBACK.contains(uri.getHost()) ? List.of(Proxy.NO_PROXY) : List.of(NOWHERE);
                    }

                    @Override
                    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                        // nothing to fall back to, on purpose
                    }
                }).build();
    }
}
