package io.sockleak.cli.attach;

/** The target JVM could not be reached or refused: one line for the user, exit code 1. */
final class AttachFailure extends Exception {

    private static final long serialVersionUID = 1L;

    AttachFailure(String message) {
        super(message, null, false, false);
    }
}
