package dev.vigil.workflows;

/**
 * Why the workflow manager refused a request. Sealed, so that the HTTP layer maps every kind in one switch:
 * not found → 404, conflict and name taken → 409, invalid → 422.
 */
public sealed abstract class WorkflowException extends RuntimeException
        permits WorkflowNotFound, WorkflowConflict, WorkflowNameTaken, WorkflowInvalid {

    WorkflowException(String message) {
        super(message);
    }
}
