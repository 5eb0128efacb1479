package io.sockleak.cli.analyse;

import io.sockleak.cli.Command;
import io.sockleak.cli.UsageException;
import io.sockleak.model.ReportJson;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code summary REPORT}: one report as a page a person can act on. */
public final class SummaryCommand implements Command {

    private static final String USAGE = "summary [--json] [--fail-on-leak] [--top N] [--frames N] REPORT";
    private static final int DEFAULT_TOP = 10;

    @Override
    public String name() {
        return "summary";
    }

    @Override
    public String usage() {
        return "[--json] [--fail-on-leak] [--top N] [--frames N] REPORT: explain one report (--fail-on-leak: exit 1"
                + " on leaks; stale pooled and young sockets are not leaks)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandLine line = CommandLine.parse(args, Set.of("--json", "--fail-on-leak"), Set.of("--top", "--frames"),
                USAGE);
        if (line.operands().size() != 1) {
            throw new UsageException("needs exactly one REPORT; usage: " + USAGE);
        }
        int top = line.nonNegativeInt("--top", DEFAULT_TOP);
        int frames = line.nonNegativeInt("--frames", SummaryAnswer.DEFAULT_FRAMES);
        Path file = Path.of(line.operands().get(0));
        SummaryAnswer answer = SummaryAnswer.of(file, ReportJson.read(file), frames);
        if (line.has("--json")) {
            JsonAnswer.print(answer, out);
        } else {
            new SummaryPage(answer, top, out).print();
        }
        // Leaks only: stale pooled connections and young sockets never fail the run.
        return line.has("--fail-on-leak") && answer.hasLeaks() ? 1 : 0;
    }
}
