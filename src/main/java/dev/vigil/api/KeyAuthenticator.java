package dev.vigil.api;

import dev.vigil.auth.ApiKeys;
import dev.vigil.auth.Permission;
import dev.vigil.auth.Principal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The API's authenticator over Vigil's API keys: a key's role becomes the {@link Access} levels it may use. */
public final class KeyAuthenticator implements Authenticator {

    private final ApiKeys keys;

    public KeyAuthenticator(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Optional<Caller> authenticate(String authorizationHeader) {
        return keys.authenticate(authorizationHeader).map(KeyAuthenticator::caller);
    }

    static Caller caller(Principal principal) {
        Set<Access> allowed = EnumSet.noneOf(Access.class);
        for (Permission permission : principal.role().permissions()) {
            allowed.add(switch (permission) {
                case READ -> Access.READ;
                case WRITE_WORKFLOWS -> Access.WRITE_WORKFLOWS;
                case RUN_WORKFLOWS -> Access.RUN;
                case DECIDE -> Access.DECIDE;
                case MANAGE_KEYS -> Access.ADMIN;
            });
        }
        return new Caller(principal.keyId(), principal.name(), principal.role().id(), Set.copyOf(allowed));
    }
}
