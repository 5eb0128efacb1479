package io.sockleak.cli;

/** Bad command-line input: printed as one line, exit code 2. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
