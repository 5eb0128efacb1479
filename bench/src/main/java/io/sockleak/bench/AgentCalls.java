package io.sockleak.bench;

import io.sockleak.entry.Agent;
import io.sockleak.kernel.KernelView;
import io.sockleak.entry.Monitor;
import io.sockleak.track.SocketTracker;

import java.nio.file.Path;
import java.util.Map;

/** The agent's own API, compiled against: loaded only by {@link AgentHandle} once the agent is there. */
final class AgentCalls {

    private AgentCalls() {
    }

    static boolean running() {
        return Agent.current() != null;
    }

    static void scan() {
        Agent.current().reports().diagnose();
    }

    static Path dump() {
        return Agent.current().dump();
    }

    static long lastSnapshotMillis() {
        return Agent.current().reports().lastSnapshotMillis();
    }

    static long nextScanDelayMillis(long everyMillis, long lastSnapshotMillis) {
        return Monitor.nextScanDelay(everyMillis, lastSnapshotMillis);
    }

    static Runnable untrackedSnapshot() {
        KernelView view = new KernelView(Path.of("/proc"));
        return view::snapshot;
    }

    static void facts(Map<String, Object> result) {
        SocketTracker tracker = Agent.current().tracker();
        result.put("tracked", tracker.liveCount());
        result.put("agentErrors", tracker.errors());
        result.put("sites", tracker.sites().size());
    }
}
