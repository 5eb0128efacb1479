package io.sockleak.bench;

import java.lang.instrument.Instrumentation;

/**
 * An agent that does nothing: loading it measures what the JVM's attach mechanism costs by itself,
 * so the bench can tell the agent's own share of an attach. {@link BenchMain} packs it into a jar.
 */
public final class NoopAgent {

    private NoopAgent() {
    }

    public static void agentmain(String options, Instrumentation instrumentation) {
        // nothing
    }
}
