package io.sockleak.cli.attach;

import java.io.PrintStream;

/** Lines the attach commands share. */
final class Notes {

    private Notes() {
    }

    static void dynamicLoadWarning(PrintStream err, String command, long pid, int javaFeature) {
        err.println("sockleak " + command + ": note: pid " + pid + " runs Java " + javaFeature + ", which prints"
                + " \"WARNING: A Java agent has been loaded dynamically\" on its own stderr for this load. That is"
                + " expected, and once: later dump, attach and stop reach the agent through JMX without loading it"
                + " again; starting the JVM with -XX:+EnableDynamicAgentLoading silences it.");
    }

    static String who(long pid, ControlClient.Outcome o) {
        return "pid " + pid + " (" + (o.mainClass() == null ? "" : o.mainClass() + ", ") + "Java " + o.javaVersion()
                + ")";
    }
}
