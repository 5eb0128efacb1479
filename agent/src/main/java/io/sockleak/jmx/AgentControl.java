package io.sockleak.jmx;

import io.sockleak.support.Console;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The control MBean. Registered once per JVM, at the agent's first start, and kept after
 * {@code stop}: the instrumentation the first load received is all a later attach needs, so that
 * attach arrives here too.
 */
public final class AgentControl implements AgentControlMBean {

    public static final String OBJECT_NAME = io.sockleak.control.ControlNames.CONTROL_MBEAN;

    private final UnaryOperator<String> handler;

    private AgentControl(UnaryOperator<String> handler) {
        this.handler = handler;
    }

    @Override
    public String control(String request) {
        return handler.apply(request);
    }

    /**
     * Registers the MBean now ({@code delay} zero) or after {@code delay}, then runs
     * {@code afterRegistered} (which tells the CLI it may use it); never throws.
     */
    public static void register(UnaryOperator<String> handler, Duration delay, Runnable afterRegistered,
                                Console console) {
        PlatformRegistration.start(OBJECT_NAME, () -> new AgentControl(handler), delay, afterRegistered, console);
    }
}
