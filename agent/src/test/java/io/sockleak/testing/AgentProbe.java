package io.sockleak.testing;

import java.lang.reflect.Method;

/**
 * What a child application can ask the running agent, by reflection: the agent jar is on the system
 * class path only through -javaagent, never on the child's own class path.
 */
public final class AgentProbe {

    private AgentProbe() {
    }

    /** The running agent, or null when the JVM runs without one. */
    public static Object agent() {
        try {
            return Class.forName("io.sockleak.entry.Agent").getMethod("current").invoke(null);
        } catch (ClassNotFoundException noAgent) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int liveCount() {
        return (Integer) call(call(agent(), "tracker"), "liveCount");
    }

    public static int pendingReports() {
        return (Integer) call(call(agent(), "reports"), "pendingCount");
    }

    /** An on-demand report now: its path, or "null" when it could not be written. */
    public static String dump() {
        return String.valueOf(call(agent(), "dump"));
    }

    /** What the monitor does on a scan, asked at once: snapshot and correlate, no report. */
    public static void diagnose() {
        Object agent = agent();
        if (agent == null) {
            throw new IllegalStateException("no agent in this JVM");
        }
        call(call(agent, "reports"), "diagnose");
    }

    private static Object call(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(method, e);
        }
    }
}
