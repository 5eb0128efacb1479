package io.sockleak.cli.html;

import io.sockleak.cli.Command;
import io.sockleak.cli.UsageException;
import io.sockleak.cli.analyse.CommandLine;
import io.sockleak.cli.analyse.ReportFiles;
import io.sockleak.cli.analyse.Text;
import io.sockleak.model.ReportJson;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code html INPUT... -o PAGE.html}: reports (files or folders of them) as one self-contained page to
 * share in an incident channel: verdicts, leaking sites, charts over time, the fleet, listeners, bind failures.
 */
public final class HtmlCommand implements Command {

    private static final String USAGE = "html REPORT|FOLDER... -o PAGE.html";

    @Override
    public String name() {
        return "html";
    }

    @Override
    public String usage() {
        return "REPORT|FOLDER... -o PAGE.html: one self-contained page (verdicts, sites, charts, fleet)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CommandLine line = CommandLine.parse(args, Set.of(), Set.of("-o", "--output"), USAGE);
        String output = line.values().getOrDefault("-o", line.values().get("--output"));
        if (output == null || output.isBlank()) {
            throw new UsageException("needs -o PAGE.html; usage: " + USAGE);
        }
        if (line.operands().isEmpty()) {
            throw new UsageException("needs report files or folders of reports; usage: " + USAGE);
        }
        Path page = Path.of(output);
        if (Files.isDirectory(page)) {
            throw new UsageException(page + ": is a folder; -o names the page's file");
        }
        // One report at a time: each is folded into the page's model and dropped before the next is read.
        PageBuilder builder = new PageBuilder();
        for (Path file : ReportFiles.expand(line.operands())) {
            builder.add(file, ReportJson.read(file));
        }
        Page built = builder.build();
        write(page, PageRenderer.render(built, Instant.now()));
        // Sites a run did not keep are counted once per run: exact for one run, at most that over several.
        int sites = built.sites().size() + built.sitesLeftOut()
                + built.runs().stream().mapToInt(ProcessRun::sitesLeftOut).sum();
        out.println("sockleak html: wrote " + page + " (" + Text.plural(built.reports(), "report", "reports") + ", "
                + Text.plural(built.runCount(), "process run", "process runs") + ", "
                + Text.plural(built.totals().leaks(), "leak", "leaks") + " at "
                + Text.plural(sites, "site", "sites") + ")");
        return 0;
    }

    /** Never through a symbolic link: the page may be written by root into a folder others can write to. */
    private static void write(Path page, String html) throws UsageException {
        try {
            Files.write(page, html.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            String reason = Files.isSymbolicLink(page) ? "it is a symbolic link (not followed)"
                    : e instanceof NoSuchFileException ? "no such folder"
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UsageException("cannot write " + page + ": " + reason);
        }
    }
}
