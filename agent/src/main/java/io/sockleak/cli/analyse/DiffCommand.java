package io.sockleak.cli.analyse;

import io.sockleak.cli.Command;
import io.sockleak.cli.UsageException;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ReportJson;
import io.sockleak.model.ReportReadException;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code diff OLD NEW} or {@code diff FOLDER} (its oldest and newest reports): how two reports differ, site by site. */
public final class DiffCommand implements Command {

    private static final String USAGE = "diff [--json] OLD NEW | diff [--json] FOLDER";

    @Override
    public String name() {
        return "diff";
    }

    @Override
    public String usage() {
        return "[--json] OLD NEW | FOLDER: leaks per site, what changed between two reports (a folder's oldest and"
                + " newest)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandLine line = CommandLine.parse(args, Set.of("--json"), Set.of(), USAGE);
        List<String> operands = line.operands();
        boolean folder = operands.size() == 1 && Files.isDirectory(Path.of(operands.get(0)));
        if (operands.size() != 2 && !folder) {
            throw new UsageException("needs two reports, OLD and NEW, or a folder of reports; usage: " + USAGE);
        }
        List<Map.Entry<Path, LeakReport>> pair = folder ? oldestAndNewest(Path.of(operands.get(0)))
                : List.of(read(Path.of(operands.get(0))), read(Path.of(operands.get(1))));
        DiffAnswer answer = DiffAnswer.of(pair.get(0).getKey(), pair.get(0).getValue(), pair.get(1).getKey(),
                pair.get(1).getValue());
        if (line.has("--json")) {
            JsonAnswer.print(answer, out);
        } else {
            new DiffPage(answer, out).print();
        }
        return 0;
    }

    private static Map.Entry<Path, LeakReport> read(Path file) throws ReportReadException {
        return Map.entry(file, ReportJson.read(file));
    }

    /** By generatedAt, as trend orders them; a report without a readable time cannot be placed. */
    private static List<Map.Entry<Path, LeakReport>> oldestAndNewest(Path folder) throws ReportReadException {
        List<Map.Entry<Path, LeakReport>> reports = new ArrayList<>();
        for (Path file : ReportFiles.expand(List.of(folder.toString()))) {
            Map.Entry<Path, LeakReport> report = read(file);
            if (Instants.parse(report.getValue().generatedAt()).isEmpty()) {
                throw new ReportReadException(file, "generatedAt is missing or not an ISO-8601 instant; diff of a"
                        + " folder needs it to find the oldest and newest report");
            }
            reports.add(report);
        }
        if (reports.size() < 2) {
            throw new ReportReadException(folder, "holds one report only; diff needs two");
        }
        reports.sort(Comparator.comparing(r -> Instants.parse(r.getValue().generatedAt()).orElse(Instant.MAX)));
        return List.of(reports.get(0), reports.get(reports.size() - 1));
    }
}
