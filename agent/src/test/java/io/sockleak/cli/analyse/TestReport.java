package io.sockleak.cli.analyse;

import io.sockleak.model.ReportJson;
import io.sockleak.model.AgentStatus;
import io.sockleak.model.FdUsage;
import io.sockleak.model.KernelStatus;
import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ListenerEntry;
import io.sockleak.model.ProcessInfo;
import io.sockleak.model.SiteEntry;
import io.sockleak.model.StalePooled;
import io.sockleak.model.Summary;
import io.sockleak.model.UnacceptedConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds reports in code, with summary and sites consistent with the leaks added. */
public final class TestReport {

    static final String STARTED = "2025-03-01T10:00:00Z";

    private long pid = 4242;
    private String agentStartedAt = STARTED;
    private String generatedAt = "2025-03-01T12:00:00Z";
    private String trigger = "manual";
    private int trackedOpen;
    private final List<Leak> leaks = new ArrayList<>();
    private final Map<String, String> frames = new LinkedHashMap<>();
    private final Map<String, String> libraryFrames = new LinkedHashMap<>();
    private final Map<String, List<String>> stacks = new LinkedHashMap<>();
    private final List<ListenerEntry> listeners = new ArrayList<>();
    private final List<StalePooled> stale = new ArrayList<>();
    private int unaccepted;
    private int young;

    public static TestReport report() {
        return new TestReport();
    }

    public TestReport process(long pid, String agentStartedAt) {
        this.pid = pid;
        this.agentStartedAt = agentStartedAt;
        return this;
    }

    public TestReport at(String generatedAt) {
        this.generatedAt = generatedAt;
        return this;
    }

    public TestReport trigger(String trigger) {
        this.trigger = trigger;
        return this;
    }

    public TestReport trackedOpen(int trackedOpen) {
        this.trackedOpen = trackedOpen;
        return this;
    }

    public TestReport leaks(String kind, String site, String frame, int count) {
        frames.put(site, frame);
        for (int i = 0; i < count; i++) {
            leaks.add(leak(kind, site, "127.0.0.1:" + (40000 + leaks.size()), "127.0.0.1:8080"));
        }
        return this;
    }

    /** The site's frames and stack as the agent names them (else: the frame alone, called by the application). */
    public TestReport site(String site, String frame, String libraryFrame, List<String> stack) {
        frames.put(site, frame);
        libraryFrames.put(site, libraryFrame);
        stacks.put(site, stack);
        return this;
    }

    /** {@code count} CLOSE_WAIT leaks at {@code site} with this evidence, in CLOSE_WAIT for {@code seconds}. */
    public TestReport evidence(String site, String evidence, long seconds, int count) {
        frames.putIfAbsent(site, null);
        for (int i = 0; i < count; i++) {
            boolean collected = "COLLECTED_OPEN".equals(evidence);
            leaks.add(new Leak(collected ? "COLLECTED_OPEN" : "CLOSE_WAIT", "connected", "socket",
                    "127.0.0.1:" + (40000 + leaks.size()), "127.0.0.1:8080", 10, 1000L,
                    collected ? "ESTABLISHED" : "CLOSE_WAIT", "2025-03-01T11:00:00Z", "worker-1", stackOf(site),
                    site, "2025-03-01T11:59:00Z", seconds, null, evidence, frames.get(site), libraryFrames.get(site),
                    null, null, null, List.of(), null, null, List.of(), null, false));
        }
        return this;
    }

    /** {@code count} pooled connections of {@code site} borrowed at {@code borrowStack}'s first frame, not returned. */
    public TestReport borrowed(String site, String pool, List<String> borrowStack, long seconds, int count) {
        frames.putIfAbsent(site, null);
        String borrowFrame = borrowStack.get(1);
        for (int i = 0; i < count; i++) {
            leaks.add(new Leak("CLOSE_WAIT", "connected", "socket", "127.0.0.1:" + (40000 + leaks.size()),
                    "127.0.0.1:5432", 10, 1000L, "CLOSE_WAIT", "2025-03-01T11:00:00Z", "pool-1", stackOf(site),
                    site, "2025-03-01T11:59:00Z", seconds, null, "BORROWED_NOT_RETURNED", borrowFrame,
                    libraryFrames.get(site), pool, "2025-03-01T11:58:00Z", "worker-1", borrowStack, borrowFrame, null,
                    List.of(), null, false));
        }
        return this;
    }

    /** {@code count} idle pooled connections of {@code pool} opened at {@code site}, closed by the peer. */
    public TestReport stale(String pool, String site, long idleSeconds, String advice, int count) {
        for (int i = 0; i < count; i++) {
            stale.add(new StalePooled(pool, "127.0.0.1:" + (45000 + stale.size()), "127.0.0.1:5432", 20 + i,
                    2000L + i, 30L, idleSeconds + i, "2025-03-01T11:00:00Z", site, frames.get(site),
                    libraryFrames.get(site), stackOf(site), advice));
        }
        return this;
    }

    public TestReport young(int young) {
        this.young = young;
        return this;
    }

    public TestReport closeWait(String site, String frame, int count) {
        return leaks("CLOSE_WAIT", site, frame, count);
    }

    public TestReport collected(String site, String frame, int count) {
        return leaks("COLLECTED_OPEN", site, frame, count);
    }

    public TestReport untracked(int count) {
        for (int i = 0; i < count; i++) {
            leaks.add(leak("UNTRACKED", null, "10.0.0.1:" + (50000 + i), "10.0.0.2:5432"));
        }
        return this;
    }

    public TestReport listener(String local, int queue, String frame) {
        List<UnacceptedConnection> waiting = new ArrayList<>();
        for (int i = 0; i < queue; i++) {
            waiting.add(new UnacceptedConnection("127.0.0.1:" + (60000 + i), "ESTABLISHED", 0));
        }
        List<String> stack = frame == null ? List.of()
                : List.of("java.base/java.net.ServerSocket.bind(ServerSocket.java:1)", frame);
        listeners.add(new ListenerEntry(local, queue, 7, 99L, "socket", "2025-03-01T10:00:01Z", "main", stack,
                null, waiting, frame, null));
        unaccepted += queue;
        return this;
    }

    public LeakReport build() {
        int closeWait = count("CLOSE_WAIT");
        int collected = count("COLLECTED_OPEN");
        int untracked = count("UNTRACKED");
        List<SiteEntry> sites = new ArrayList<>();
        frames.forEach((site, frame) -> {
            int count = (int) leaks.stream().filter(l -> site.equals(l.site())).count();
            if (count > 0) {
                sites.add(new SiteEntry(site, count, frame, libraryFrames.get(site), stackOf(site)));
            }
        });
        return new LeakReport(LeakReport.SCHEMA_VERSION, generatedAt, trigger,
                new ProcessInfo(pid, "com.example.Main", "17.0.15", "0.1.0", "premain", agentStartedAt,
                        new FdUsage(42, 1024)),
                new AgentStatus(0, null, 10000, 0, listeners.size(), 32, sites.size(), "report=exit"),
                new KernelStatus(true, null, 3L, "proc"),
                new Summary(trackedOpen, closeWait, unaccepted, collected, untracked, stale.size(), young, 0),
                listeners, leaks, stale, sites, List.of(), List.of(), List.of());
    }

    public Path writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, ReportJson.toBytes(build()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> stackOf(String site) {
        return stacks.containsKey(site) ? stacks.get(site) : stack(frames.get(site));
    }

    public static List<String> stack(String frame) {
        // As the agent trims them: from the JDK method the code called, as StackTraceElement.toString() prints.
        return List.of("java.base/java.net.Socket.connect(Socket.java:633)", frame,
                "com.example.Caller.call(Caller.java:20)",
                "com.example.Worker.run(Worker.java:30)", "com.example.Pool.loop(Pool.java:40)",
                "com.example.Pool.start(Pool.java:50)", "java.lang.Thread.run(Thread.java:840)");
    }

    private int count(String kind) {
        return (int) leaks.stream().filter(l -> kind.equals(l.kind())).count();
    }

    private static Leak leak(String kind, String site, String local, String remote) {
        return new Leak(kind, "connected", "socket", local, remote, 10, 1000L,
                "CLOSE_WAIT".equals(kind) ? "CLOSE_WAIT" : "ESTABLISHED", "2025-03-01T11:00:00Z", "worker-1",
                site == null ? List.of() : stack("x"), site, null, null, null,
                "COLLECTED_OPEN".equals(kind) ? "COLLECTED_OPEN" : "CLOSE_WAIT_AGED", site == null ? null : "x",
                null, null, null, null, List.of(), null, null, List.of(), null, false);
    }
}
