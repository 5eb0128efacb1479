package io.sockleak.cli.analyse;

import io.sockleak.model.ReportReadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Turns command operands (report files and folders of reports) into report files. */
public final class ReportFiles {

    static final String GLOB = "sockleak-*.json";
    private static final int MAX_DEPTH = 4;

    private ReportFiles() {
    }

    /** Files stay as given (a missing one fails when read); a folder gives its sockleak-*.json files (and its subfolders'). */
    public static List<Path> expand(List<String> operands) throws ReportReadException {
        Set<Path> files = new LinkedHashSet<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (String operand : operands) {
            Path path = Path.of(operand);
            if (Files.isDirectory(path)) {
                List<Path> reports = reportsIn(path);
                if (reports.isEmpty()) {
                    throw new ReportReadException(path, "folder holds no " + GLOB + " reports");
                }
                reports.forEach(file -> addOnce(file, files, seen));
            } else {
                addOnce(path, files, seen);
            }
        }
        return new ArrayList<>(files);
    }

    // The same file named twice (or via its folder) is one report, not two points of the series.
    private static void addOnce(Path file, Set<Path> files, Set<Path> seen) {
        if (seen.add(file.toAbsolutePath().normalize())) {
            files.add(file);
        }
    }

    /**
     * The folder's reports and those of its subfolders, a few levels down: a CI recipe gives each test fork a
     * folder of its own under one parent. Symbolic links to folders are not followed.
     */
    private static List<Path> reportsIn(Path folder) throws ReportReadException {
        try (Stream<Path> entries = Files.walk(folder, MAX_DEPTH)) {
            return entries
                    .filter(p -> p.getFileName().toString().startsWith("sockleak-"))
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ReportReadException(folder, "cannot list folder: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            // a subfolder that cannot be read, met on the way
            throw new ReportReadException(folder, "cannot list folder: " + e.getCause().getMessage());
        }
    }
}
