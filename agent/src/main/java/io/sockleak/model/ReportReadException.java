package io.sockleak.model;

import java.nio.file.Path;

/** A file that could not be read as a report; the message names the file and the problem. */
public final class ReportReadException extends Exception {

    private final Path file;

    public ReportReadException(Path file, String problem) {
        super(file + ": " + problem, null, false, false);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
