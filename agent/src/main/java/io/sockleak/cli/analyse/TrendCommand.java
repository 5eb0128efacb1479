package io.sockleak.cli.analyse;

import io.sockleak.cli.Command;
import io.sockleak.cli.UsageException;
import io.sockleak.model.ReportDigest;
import io.sockleak.model.ReportReadException;
import io.sockleak.model.LeakReport;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code trend FOLDER|FILES...}: how leaks grew over a process's reports, fastest-growing site first. */
public final class TrendCommand implements Command {

    private static final String USAGE = "trend [--json] [--ascii] FOLDER|FILES...";

    @Override
    public String name() {
        return "trend";
    }

    @Override
    public String usage() {
        return "[--json] [--ascii] FOLDER|FILES...: leak growth per site over time";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandLine line = CommandLine.parse(args, Set.of("--json", "--ascii"), Set.of(), USAGE);
        if (line.operands().isEmpty()) {
            throw new UsageException("needs a folder of reports or report files; usage: " + USAGE);
        }
        // Each report is streamed into what trend needs (ReportDigest): 200 reports of 17 MB each in a 64 MB heap.
        List<TrendAnswer.Dated> reports = new ArrayList<>();
        for (Path file : ReportFiles.expand(line.operands())) {
            reports.add(dated(file, ReportDigest.read(file)));
        }
        TrendAnswer answer = TrendAnswer.of(reports);
        if (line.has("--json")) {
            JsonAnswer.print(answer, out);
        } else {
            new TrendPage(answer, line.has("--ascii"), out).print();
        }
        return 0;
    }

    private static TrendAnswer.Dated dated(Path file, LeakReport report) throws ReportReadException {
        Instant generatedAt = Instants.parse(report.generatedAt()).orElseThrow(() -> new ReportReadException(file,
                "generatedAt " + (report.generatedAt() == null ? "is missing" : "'" + report.generatedAt()
                        + "' is not an ISO-8601 instant between the years " + Instants.FIRST_YEAR + " and "
                        + Instants.LAST_YEAR) + "; trend needs it to order the reports"));
        return new TrendAnswer.Dated(file, report, generatedAt);
    }
}
