package io.sockleak.cli;

import io.sockleak.cli.analyse.DiffCommand;
import io.sockleak.cli.analyse.SummaryCommand;
import io.sockleak.cli.analyse.TrendCommand;
import io.sockleak.model.ReportReadException;
import io.sockleak.support.Spelling;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code java -jar sockleak-agent.jar COMMAND ...}: attach to JVMs and analyse reports. */
public final class Main {

    static final int OK = 0;
    static final int BAD_INPUT = 2;
    private static final Set<String> HELP_FLAGS = Set.of("--help", "-h");

    private final Map<String, Command> commands = new LinkedHashMap<>();

    public Main(List<Command> commands) {
        commands.forEach(c -> this.commands.put(c.name(), c));
    }

    public static List<Command> allCommands() {
        List<Command> all = new ArrayList<>();
        all.add(new SummaryCommand());
        all.add(new DiffCommand());
        all.add(new TrendCommand());
        all.add(new io.sockleak.cli.html.HtmlCommand());
        all.add(new io.sockleak.cli.attach.ListCommand());
        all.add(new io.sockleak.cli.attach.AttachCommand());
        all.add(new io.sockleak.cli.attach.DumpCommand());
        all.add(new io.sockleak.cli.attach.StopCommand());
        return all;
    }

    public static void main(String[] args) {
        // UTF-8 whatever the locale: sparklines and arrows must not turn into '?' (JDK 17 uses the locale).
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(new Main(allCommands()).run(Arrays.asList(args), out, err));
    }

    public int run(List<String> args, PrintStream rawOut, PrintStream rawErr) {
        PrintStream out = new PrintStream(new TerminalSafeOutput(rawOut), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new TerminalSafeOutput(rawErr), true, StandardCharsets.UTF_8);
        if (args.isEmpty()) {
            printUsage(err);
            return BAD_INPUT;
        }
        String first = args.get(0);
        if (first.equals("help") || HELP_FLAGS.contains(first)) {
            return args.size() > 1 ? help(args.get(1), out, err) : usage(out);
        }
        if (first.equals("version") || first.equals("--version")) {
            out.println("sockleak " + Version.ofThisJar());
            return OK;
        }
        Command command = commands.get(first);
        if (command == null) {
            err.println(unknown(first));
            return BAD_INPUT;
        }
        if (asksForHelp(args.subList(1, args.size()))) {
            Help.print(command, out);
            return OK;
        }
        try {
            return command.run(args.subList(1, args.size()), out, err);
        } catch (UsageException | ReportReadException e) {
            err.println("sockleak " + command.name() + ": " + e.getMessage());
            return BAD_INPUT;
        } catch (Exception | Error e) {
            err.println("sockleak " + command.name() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return BAD_INPUT;
        }
    }

    private int usage(PrintStream out) {
        printUsage(out);
        return OK;
    }

    private int help(String name, PrintStream out, PrintStream err) {
        Command command = commands.get(name);
        if (command == null) {
            err.println(unknown(name));
            return BAD_INPUT;
        }
        Help.print(command, out);
        return OK;
    }

    private String unknown(String name) {
        return "sockleak: unknown command '" + name + "'" + Spelling.didYouMean(name, commands.keySet())
                + " (commands: " + String.join(", ", commands.keySet()) + "; 'help COMMAND' explains one)";
    }

    /** {@code --help} or {@code -h} among a command's arguments (before a {@code --}, after which all are operands). */
    private static boolean asksForHelp(List<String> args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (HELP_FLAGS.contains(arg)) {
                return true;
            }
        }
        return false;
    }

    private void printUsage(PrintStream stream) {
        stream.println("usage: java -jar sockleak-agent.jar COMMAND [ARGS]");
        stream.println("       java -javaagent:sockleak-agent.jar[=key=value,...] ... (see docs/options.md)");
        stream.println("commands:");
        for (Command c : commands.values()) {
            stream.printf("  %-8s %s%n", c.name(), c.usage());
        }
        stream.println("'help COMMAND' or 'COMMAND --help' explains one; '--version' prints the version");
    }
}
