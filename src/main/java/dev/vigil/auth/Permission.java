package dev.vigil.auth;

/**
 * What an API call may do. Every endpoint requires exactly one permission; which role has which is the table in
 * {@link Role}. Coarse on purpose: a handful of permissions that an operator can hold in their head beats a
 * fine-grained matrix nobody audits.
 */
public enum Permission {

    /** Read workflows, executions, their steps and logs, and the list of API keys (never a key itself). */
    READ,
    /** Create, change, enable, disable and delete workflows. */
    WRITE_WORKFLOWS,
    /** Start runs (manual triggers, alert intake, test runs) and cancel them. */
    RUN_WORKFLOWS,
    /** Answer a run waiting for a person ({@code waitForApproval}, {@code waitForInput}, {@code decision}). */
    DECIDE,
    /** Create and revoke API keys. */
    MANAGE_KEYS
}
