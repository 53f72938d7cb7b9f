package dev.vigil.secrets;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback's {@code %msg} with known secrets replaced (logback.xml maps {@code msg} to this). */
public final class RedactedMessage extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return KnownSecrets.redact(super.convert(event));
    }
}
