package dev.vigil.api;

import java.util.Optional;

/** Turns an {@code Authorization} header into the caller it proves, or nothing when it proves no one. */
@FunctionalInterface
public interface Authenticator {

    Optional<Caller> authenticate(String authorizationHeader);
}
