package io.sockleak.demo;

/**
 * One demo: a small piece of socket code, leaky on purpose (or, for {@code healthy}, not).
 *
 * <p>{@link #run()} returns with the leaked sockets still in their leaking state, so an agent that
 * reports at JVM shutdown finds them. The returned {@link Result} tells which ports were used and holds
 * what must stay reachable; {@link DemoMain} keeps it until the JVM exits, tests close it.
 */
public interface Scenario {

    /** The name used on the command line, e.g. {@code accept-no-close}. */
    String name();

    /** One line: what a person should expect the agent to report after this scenario. */
    String description();

    /** Runs the scenario; prints a few plain lines to stdout of what it does. */
    Result run() throws Exception;
}
