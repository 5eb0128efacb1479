package io.sockleak.bench;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a bench child asks the agent running in its own JVM. The agent's classes are on the system
 * class path only when the child runs with {@code -javaagent}; this class never names them, and
 * {@link AgentCalls}, which does (compiled against the agent), is only loaded once they are there.
 * Nothing here runs inside a measured region.
 */
final class AgentHandle {

    private AgentHandle() {
    }

    /** Whether this JVM runs the agent. */
    static boolean present() {
        try {
            Class.forName("io.sockleak.entry.Agent", false, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException absent) {
            return false;
        }
        return AgentCalls.running();
    }

    /** What the monitor does on each scan: snapshot /proc and correlate (no report, no stacks). */
    static void scan() {
        if (present()) {
            AgentCalls.scan();
        }
    }

    /** An on-demand report, as `dump` asks for one: where it was written. */
    static Path dump() {
        return AgentCalls.dump();
    }

    /** The last snapshot's read of /proc, in ms, as the monitor's rule sees it. */
    static long lastSnapshotMillis() {
        return AgentCalls.lastSnapshotMillis();
    }

    /** The monitor's own rule for the delay before its next scan. */
    static long nextScanDelayMillis(long everyMillis, long lastSnapshotMillis) {
        return AgentCalls.nextScanDelayMillis(everyMillis, lastSnapshotMillis);
    }

    /** A /proc snapshot by a second kernel view of the agent's that tracks nothing, for timing its parts. */
    static Runnable untrackedSnapshot() {
        return AgentCalls.untrackedSnapshot();
    }

    /** agent=on|off and, with the agent, what its registry holds now (tracked, agentErrors, sites). */
    static void facts(Map<String, Object> result) {
        boolean on = present();
        result.put("agent", on ? "on" : "off");
        if (on) {
            AgentCalls.facts(result);
        }
    }
}
