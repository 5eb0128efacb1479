package io.sockleak.cli.analyse;

import io.sockleak.cli.Command;
import io.sockleak.cli.UsageException;
import io.sockleak.model.ReportJson;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * {@code summary REPORT|FOLDER...}: one report as a page a person can act on; several reports (a folder, the
 * reports of a test suite's forks) as a line each, oldest first, then the page of each one with leaks.
 */
public final class SummaryCommand implements Command {

    private static final String USAGE = "summary [--json] [--fail-on-leak] [--top N] [--frames N] REPORT|FOLDER...";
    private static final int DEFAULT_TOP = 10;

    @Override
    public String name() {
        return "summary";
    }

    @Override
    public String usage() {
        return "[--json] [--fail-on-leak] [--top N] [--frames N] REPORT|FOLDER...: explain reports (--fail-on-leak:"
                + " exit 1 when any has leaks; stale pooled and young sockets are not leaks)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandLine line = CommandLine.parse(args, Set.of("--json", "--fail-on-leak"), Set.of("--top", "--frames"),
                USAGE);
        if (line.operands().isEmpty()) {
            throw new UsageException("needs a REPORT, or a folder of reports; usage: " + USAGE);
        }
        int top = line.nonNegativeInt("--top", DEFAULT_TOP);
        int frames = line.nonNegativeInt("--frames", SummaryAnswer.DEFAULT_FRAMES);
        List<SummaryAnswer> answers = new ArrayList<>();
        for (Path file : ReportFiles.expand(line.operands())) {
            answers.add(SummaryAnswer.of(file, ReportJson.read(file), frames));
        }
        // Oldest first; a report without a readable time keeps its place after those with one.
        answers.sort(Comparator.comparing(a -> Instants.parse(a.generatedAt()).orElse(Instant.MAX)));
        boolean leaks;
        if (answers.size() == 1) {
            SummaryAnswer answer = answers.get(0);
            leaks = answer.hasLeaks();
            if (line.has("--json")) {
                JsonAnswer.print(answer, out);
            } else {
                new SummaryPage(answer, top, out).print();
            }
        } else {
            SummariesAnswer answer = SummariesAnswer.of(answers);
            leaks = answer.hasLeaks();
            if (line.has("--json")) {
                JsonAnswer.print(answer, out);
            } else {
                new SummariesPage(answer, top, out).print();
            }
        }
        // Leaks only: stale pooled connections and young sockets never fail the run.
        return line.has("--fail-on-leak") && leaks ? 1 : 0;
    }
}
