package dev.vigil.api;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Map;
import java.util.Set;

/**
 * Checks every matched request against the {@link Access} its route declares: no key, or a key that is not valid,
 * is 401 with a {@code WWW-Authenticate: ApiKey} challenge; a valid key whose role does not allow the route is 403
 * naming the role and what the route needs. A route that declares nothing is refused too (500): forgetting to
 * declare access must not open an endpoint. A {@link Access#SIGNED} route is passed on unauthenticated: its
 * handler checks the request's signature before it does anything else (see {@code WebhookRoutes}).
 */
final class Guard {

    /** The caller, for handlers: {@code ctx.attribute(Guard.CALLER)}. */
    static final String CALLER = "vigil.caller";

    private final Authenticator authenticator;

    Guard(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.contains(Access.PUBLIC) || roles.equals(Set.of(Access.SIGNED))) {
            return;
        }
        if (roles.size() != 1 || !(roles.iterator().next() instanceof Access needed)) {
            throw new IllegalStateException("route " + ctx.method() + " " + ctx.endpoint().path
                    + " declares no single access level");
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.header("WWW-Authenticate", "ApiKey");
            throw new ApiError(401, "unauthorized", "this endpoint needs an API key: send 'Authorization: ApiKey "
                    + "<key>'", Map.of());
        }
        Caller caller = authenticator.authenticate(header).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "ApiKey");
            return new ApiError(401, "unauthorized", "the API key is not valid (unknown, revoked or malformed; the "
                    + "header must be 'Authorization: ApiKey <key>')", Map.of());
        });
        if (!caller.may(needed)) {
            throw new ApiError(403, "forbidden", "the key '" + caller.name() + "' has role " + caller.role()
                    + ", which does not allow " + needed.name().toLowerCase().replace('_', ' '),
                    Map.of("role", caller.role(), "needs", needed.name().toLowerCase()));
        }
        ctx.attribute(CALLER, caller);
    }

    static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new IllegalStateException("no caller on a guarded route");
        }
        return caller;
    }
}
