package io.sockleak.cli;

import io.sockleak.config.OptionsParser;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code help COMMAND} and {@code COMMAND --help}: the command's synopsis, what each argument means and
 * its exit codes. The one-line {@link Command#usage()} stays the general usage's line.
 */
final class Help {

    private static final String JAR = "java -jar sockleak-agent.jar ";
    private static final String TARGET = "  PID|NAME   a pid, or a main class or jar name as 'list' shows it (the full name, the"
            + " simple\n             class name or a unique part of it, like jcmd); a name that matches several"
            + " JVMs\n             is refused with their pids";

    private static final Map<String, List<String>> TEXTS = Map.of(
            "summary", List.of(
                    "summary [--json] [--fail-on-leak] [--top N] [--frames N] REPORT|FOLDER...",
                    "Explains reports: each leaking site with the application's line and why it is a leak; stale",
                    "pooled and young sockets (not leaks); listeners with connections nobody accepted.",
                    "  REPORT|FOLDER  report files, or folders (their sockleak-*.json files, subfolders included).",
                    "                 Several reports (one per test fork, say) are listed oldest first, then each",
                    "                 one with leaks is explained",
                    "  --fail-on-leak exit 1 when any report has a leak (for CI: docs/ci.md)",
                    "  --top N        at most N sites per report (default 10)",
                    "  --frames N     frames of each stack (default 5)",
                    "  --json         the answer as JSON (fields: docs/report-schema.md)",
                    "exit: 0 done, 1 leaks with --fail-on-leak, 2 bad input"),
            "diff", List.of(
                    "diff [--json] OLD NEW | diff [--json] FOLDER",
                    "Leaks per site in two reports of the same program: which sites are new, gone, grew or shrank.",
                    "  OLD NEW   two report files",
                    "  FOLDER    a folder of reports: its oldest and newest (by the time each was written)",
                    "  --json    the answer as JSON (fields: docs/report-schema.md)",
                    "exit: 0 done, 2 bad input"),
            "trend", List.of(
                    "trend [--json] [--ascii] FOLDER|FILES...",
                    "How leaks grew over a series of reports (ordered by the time each was written), fastest-growing",
                    "site first, with a sparkline per site.",
                    "  FOLDER|FILES  folders (their sockleak-*.json files, subfolders included) or report files",
                    "  --ascii       sparklines in ASCII instead of block characters",
                    "  --json        the answer as JSON (fields: docs/report-schema.md)",
                    "exit: 0 done, 2 bad input"),
            "html", List.of(
                    "html REPORT|FOLDER... -o PAGE.html",
                    "One self-contained page to share (opens from a file or an attachment; no script, nothing",
                    "fetched): verdicts and processes, leaking sites with the application's line and the whole stack,",
                    "leaks over time per site from interval reports, which sites leak in how many processes and",
                    "folders, listeners and their accept queues, failed binds and what held the port.",
                    "  REPORT|FOLDER  report files, or folders (their sockleak-*.json files); one folder per host",
                    "                 lets the fleet view count hosts",
                    "  -o PAGE.html   the page to write (replaced if it exists; never through a symbolic link)",
                    "exit: 0 written, 2 bad input"),
            "list", List.of(
                    "list",
                    "The JVMs you can attach to, one line each: pid and main class (like jps). Root sees every user's.",
                    "exit: 0 done, 2 bad input"),
            "attach", List.of(
                    "attach PID|NAME [key=value,...]",
                    "Loads the agent into a running JVM; run again with other options to change them in the running agent.",
                    TARGET,
                    "  key=value  agent options as for -javaagent (docs/options.md):",
                    "             " + String.join(", ", OptionsParser.KEYS),
                    "exit: 0 attached, 1 the JVM refused or did not answer, 2 bad input"),
            "dump", List.of(
                    "dump PID|NAME",
                    "The agent in that JVM writes a report now (trigger on-demand); its path is the last line.",
                    TARGET,
                    "exit: 0 written, 1 the JVM refused or did not answer, 2 bad input"),
            "stop", List.of(
                    "stop PID|NAME",
                    "A final report, then the JDK classes get their original code back and the agent's threads end;",
                    "the JVM runs on.",
                    TARGET,
                    "exit: 0 stopped, 1 the JVM refused or did not answer, 2 bad input"));

    private Help() {
    }

    static void print(Command command, PrintStream out) {
        List<String> text = TEXTS.get(command.name());
        if (text == null) {
            out.println("usage: " + JAR + command.name() + " " + command.usage());
            return;
        }
        out.println("usage: " + JAR + text.get(0));
        text.subList(1, text.size()).forEach(out::println);
    }
}
