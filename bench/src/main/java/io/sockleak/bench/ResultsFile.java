package io.sockleak.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.StringJoiner;

/**
 * The benchmark's history (bench/results.tsv): one line per run, so that a change's effect shows over
 * time. Columns: date, JDK, mode and rounds, agent options, load at start and end, then one
 * {@code what=value} column per figure of the summary. A header line starts with {@code #}.
 */
final class ResultsFile {

    static final String HEADER = "# date\tjdk\tmode\tagentOptions\tloadStart\tloadEnd\tfigures (what=value, one per column)";

    private ResultsFile() {
    }

    static void append(Path file, Settings settings, List<Verdict> verdicts, String loadStart, String loadEnd,
                       PrintStream out) {
        StringJoiner line = new StringJoiner("\t", "", "\n");
        line.add(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        line.add(Runtime.version().toString());
        line.add((settings.quick() ? "quick" : "full") + " rounds=" + settings.rounds());
        line.add(settings.agentOptions().isEmpty() ? "-" : settings.agentOptions());
        line.add(loadStart);
        line.add(loadEnd);
        for (Verdict v : verdicts) {
            line.add(v.what().replace('\t', ' ') + "=" + v.value());
        }
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8);
            }
            Files.writeString(file, line.toString(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            out.println("results appended to " + file);
        } catch (IOException e) {
            out.println("could not append the results to " + file + ": " + e);
        }
    }
}
