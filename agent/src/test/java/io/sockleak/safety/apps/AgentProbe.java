package io.sockleak.safety.apps;

import java.lang.reflect.Method;

/**
 * What a child application can ask the running agent, by reflection: the agent jar is on the system
 * class path only through -javaagent, never on the child's own class path.
 */
final class AgentProbe {

    private AgentProbe() {
    }

    /** The running agent, or null when the JVM runs without one. */
    static Object agent() {
        try {
            return Class.forName("io.sockleak.entry.Agent").getMethod("current").invoke(null);
        } catch (ClassNotFoundException noAgent) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static int liveCount() {
        return (Integer) call(call(agent(), "tracker"), "liveCount");
    }

    static int pendingReports() {
        return (Integer) call(call(agent(), "reports"), "pendingCount");
    }

    /** An on-demand report now: its path, or "null" when it could not be written. */
    static String dump() {
        return String.valueOf(call(agent(), "dump"));
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
