package io.wspy.server.conformance;

/** A case's expectation was not met; the message says what was expected and what happened. */
final class CaseFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    CaseFailure(String message) {
        super(message);
    }
}
