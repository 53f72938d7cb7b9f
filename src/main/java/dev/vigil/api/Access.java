package dev.vigil.api;

import io.javalin.security.RouteRole;

/**
 * What a route needs from the caller, declared where the route is registered (every route declares one; a test
 * asks every endpoint without a key and expects 401 from all but {@link #PUBLIC}, and asks {@link #SIGNED} ones
 * without a signature, expecting 401 too). The mapping from an API key's
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
    /** Manage API keys and webhook secrets. */
    ADMIN,
    /**
     * No API key: the request proves itself by a signature over its body with a per-workflow secret (webhooks),
     * which only the route itself can check, since only it knows the workflow. {@link Guard} lets these through;
     * no key's role includes it.
     */
    SIGNED
}
