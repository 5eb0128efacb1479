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

    /** Where the agent's kernel view reads the TCP tables: netlink or proc. */
    public static String tableSource() {
        return String.valueOf(call(call(agent(), "reports"), "tableSource"));
    }

    /** What the monitor does on a scan, asked at once: snapshot and correlate, no report. */
    public static void diagnose() {
        Object agent = agent();
        if (agent == null) {
            throw new IllegalStateException("no agent in this JVM");
        }
        call(call(agent, "reports"), "diagnose");
    }

    /**
     * What the library hooks made of this JVM's open sockets towards {@code remotePort}: one
     * {@code pool:STATE} per socket ({@code -} when no pool claimed it), sorted, e.g.
     * {@code [HikariCP:BORROWED, HikariCP:IDLE]}.
     */
    public static java.util.List<String> pooledStates(int remotePort) {
        java.util.List<String> states = new java.util.ArrayList<>();
        for (Object record : (java.util.List<?>) call(call(agent(), "tracker"), "liveRecords")) {
            if ((Integer) call(record, "remotePort") != remotePort) {
                continue;
            }
            Object pooled = call(record, "pooled");
            states.add(pooled == null ? "-" : call(pooled, "pool") + ":" + call(pooled, "state"));
        }
        java.util.Collections.sort(states);
        return states;
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
