package dev.vigil.secrets;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** Logback's {@code %ex} with known secrets replaced: an exception message may quote a request or a response. */
public final class RedactedThrowable extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return KnownSecrets.redact(super.throwableProxyToString(proxy));
    }
}
