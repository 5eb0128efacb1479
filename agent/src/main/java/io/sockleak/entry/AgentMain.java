package io.sockleak.entry;

import io.sockleak.model.StartMode;
import java.lang.instrument.Instrumentation;

/**
 * The JVM's entry points. Nothing here may throw: a diagnostics agent that stops the application
 * from starting has done more harm than the leak.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void premain(String options, Instrumentation instrumentation) {
        // JAVA_TOOL_OPTIONS gives the sockleak CLI's own JVM the agent too: it stays silent there.
        if (CliJvm.isThisOne()) {
            return;
        }
        enter(options, instrumentation, StartMode.PREMAIN);
    }

    public static void agentmain(String options, Instrumentation instrumentation) {
        enter(options, instrumentation, StartMode.ATTACH);
    }

    private static void enter(String options, Instrumentation instrumentation, StartMode mode) {
        try {
            AgentCommands.handle(options, instrumentation, mode);
        } catch (Throwable t) {
            try {
                System.err.println("sockleak: agent not started: " + t);
            } catch (Throwable ignored) {
                // nothing left to tell anyone with
            }
        }
    }
}
