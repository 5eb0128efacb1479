package io.sockleak.cli.attach;

/** The target JVM could not be reached or refused: one line for the user, exit code 1. */
final class AttachFailure extends Exception {

    AttachFailure(String message) {
        super(message, null, false, false);
    }
}
