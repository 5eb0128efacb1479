package io.sockleak.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code java [-javaagent:sockleak-agent.jar] -jar sockleak-demo.jar SCENARIO}: runs one scenario and
 * returns from main with its leaks still in place, for an agent that reports at JVM shutdown.
 * {@code list} or no argument prints the scenarios.
 */
public final class DemoMain {

    static final List<Scenario> SCENARIOS = List.of(
            new NeverAccept(),
            new AcceptNoClose(),
            new ClientNoClose(),
            new NioAcceptNoClose(),
            new GcUnclosed(),
            new TimeWait(),
            new StalePooled(),
            new LostResponse(),
            new Healthy());

    /** Exit code for a bad command line. */
    static final int USAGE = 2;

    /** How long a scenario may take before the watchdog ends the JVM (each takes well under a second). */
    private static final long WATCHDOG_MS = 20_000;

    /** What the scenario leaked, kept strongly reachable from a static field until the JVM exits. */
    private static volatile Result keptUntilExit;

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        startWatchdog();
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
        // Return normally: the JVM exits because every thread left behind is a daemon.
    }

    /** The command line without System.exit: returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || (args.length == 1 && args[0].equals("list"))) {
            printList(out);
            return 0;
        }
        Optional<Scenario> scenario = find(args[0]);
        if (args.length > 1 || scenario.isEmpty()) {
            err.println(args.length > 1
                    ? "sockleak-demo: expected one scenario name, got " + args.length + " arguments"
                    : "sockleak-demo: unknown scenario '" + args[0] + "'");
            printList(err);
            return USAGE;
        }
        Scenario s = scenario.get();
        out.println("scenario " + s.name());
        out.flush();
        long start = System.nanoTime();
        keptUntilExit = s.run();
        long ms = (System.nanoTime() - start) / 1_000_000;
        out.println("done in " + ms + " ms. Expect the agent to report: " + s.description());
        out.flush();
        return 0;
    }

    static Optional<Scenario> find(String name) {
        return SCENARIOS.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    static void printList(PrintStream out) {
        out.println("usage: java [-javaagent:sockleak-agent.jar] -jar sockleak-demo.jar SCENARIO");
        out.println("scenarios (and what the agent should report at exit):");
        int width = SCENARIOS.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        for (Scenario s : SCENARIOS) {
            out.println("  " + String.format("%-" + width + "s", s.name()) + "  " + s.description());
        }
        out.flush();
    }

    private static void startWatchdog() {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(WATCHDOG_MS);
                System.err.println("sockleak-demo: scenario still running after " + WATCHDOG_MS + " ms, giving up");
                System.exit(3);
            } catch (InterruptedException e) {
                // not needed
            }
        }, "sockleak-demo-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
