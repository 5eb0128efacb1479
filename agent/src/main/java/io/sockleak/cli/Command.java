package io.sockleak.cli;

import java.io.PrintStream;
import java.util.List;

/** One CLI verb. Exit codes: 0 success, 1 the answer is "bad" (e.g. leaks with --fail-on-leak), 2 bad input. */
public interface Command {

    String name();

    /** One line: arguments, then what it does. */
    String usage();

    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
