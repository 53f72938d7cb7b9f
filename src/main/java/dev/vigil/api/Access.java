package dev.vigil.api;

import io.javalin.security.RouteRole;

/**
 * What a route needs from the caller, declared where the route is registered (every route declares one; a test
 * asks every endpoint without a key and expects 401 from all but {@link #PUBLIC}). The mapping from an API key's
 * role to these is {@link Guard}'s.
 */
public enum Access implements RouteRole {
    /** Health only: load balancers and probes ask without a key. */
    PUBLIC,
    /** Read workflows, jobs, alerts, metrics. */
    READ,
    /** Create, edit, activate, delete workflows. */
    WRITE_WORKFLOWS,
    /** Start, cancel and re-run jobs; post alerts. */
    RUN,
    /** Answer a paused job's decision. */
    DECIDE,
    /** Manage API keys. */
    ADMIN
}
