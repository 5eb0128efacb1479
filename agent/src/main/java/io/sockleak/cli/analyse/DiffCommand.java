package io.sockleak.cli.analyse;

import io.sockleak.cli.Command;
import io.sockleak.cli.UsageException;
import io.sockleak.model.ReportJson;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code diff OLD NEW}: how two reports differ, site by site. */
public final class DiffCommand implements Command {

    private static final String USAGE = "diff [--json] OLD NEW";

    @Override
    public String name() {
        return "diff";
    }

    @Override
    public String usage() {
        return "[--json] OLD NEW: leaks per site, what changed between two reports";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandLine line = CommandLine.parse(args, Set.of("--json"), Set.of(), USAGE);
        if (line.operands().size() != 2) {
            throw new UsageException("needs two reports, OLD and NEW; usage: " + USAGE);
        }
        Path oldFile = Path.of(line.operands().get(0));
        Path newFile = Path.of(line.operands().get(1));
        DiffAnswer answer = DiffAnswer.of(oldFile, ReportJson.read(oldFile), newFile, ReportJson.read(newFile));
        if (line.has("--json")) {
            JsonAnswer.print(answer, out);
        } else {
            new DiffPage(answer, out).print();
        }
        return 0;
    }
}
