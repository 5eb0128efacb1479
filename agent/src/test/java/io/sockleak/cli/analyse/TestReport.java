package io.sockleak.cli.analyse;

import io.sockleak.report.ReportJson;
import io.sockleak.report.model.AgentStatus;
import io.sockleak.report.model.FdUsage;
import io.sockleak.report.model.KernelStatus;
import io.sockleak.report.model.Leak;
import io.sockleak.report.model.LeakReport;
import io.sockleak.report.model.ListenerEntry;
import io.sockleak.report.model.ProcessInfo;
import io.sockleak.report.model.SiteEntry;
import io.sockleak.report.model.Summary;
import io.sockleak.report.model.UnacceptedConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds reports in code, with summary and sites consistent with the leaks added. */
final class TestReport {

    static final String STARTED = "2025-03-01T10:00:00Z";

    private long pid = 4242;
    private String agentStartedAt = STARTED;
    private String generatedAt = "2025-03-01T12:00:00Z";
    private String trigger = "manual";
    private int trackedOpen;
    private final List<Leak> leaks = new ArrayList<>();
    private final Map<String, String> frames = new LinkedHashMap<>();
    private final List<ListenerEntry> listeners = new ArrayList<>();
    private int unaccepted;

    static TestReport report() {
        return new TestReport();
    }

    TestReport process(long pid, String agentStartedAt) {
        this.pid = pid;
        this.agentStartedAt = agentStartedAt;
        return this;
    }

    TestReport at(String generatedAt) {
        this.generatedAt = generatedAt;
        return this;
    }

    TestReport trigger(String trigger) {
        this.trigger = trigger;
        return this;
    }

    TestReport trackedOpen(int trackedOpen) {
        this.trackedOpen = trackedOpen;
        return this;
    }

    TestReport leaks(String kind, String site, String frame, int count) {
        frames.put(site, frame);
        for (int i = 0; i < count; i++) {
            leaks.add(leak(kind, site, "127.0.0.1:" + (40000 + leaks.size()), "127.0.0.1:8080"));
        }
        return this;
    }

    TestReport closeWait(String site, String frame, int count) {
        return leaks("CLOSE_WAIT", site, frame, count);
    }

    TestReport collected(String site, String frame, int count) {
        return leaks("COLLECTED_OPEN", site, frame, count);
    }

    TestReport untracked(int count) {
        for (int i = 0; i < count; i++) {
            leaks.add(leak("UNTRACKED", null, "10.0.0.1:" + (50000 + i), "10.0.0.2:5432"));
        }
        return this;
    }

    TestReport listener(String local, int queue, String frame) {
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

    LeakReport build() {
        int closeWait = count("CLOSE_WAIT");
        int collected = count("COLLECTED_OPEN");
        int untracked = count("UNTRACKED");
        List<SiteEntry> sites = new ArrayList<>();
        frames.forEach((site, frame) -> sites.add(new SiteEntry(site,
                (int) leaks.stream().filter(l -> site.equals(l.site())).count(), frame, null, stack(frame))));
        return new LeakReport(LeakReport.SCHEMA_VERSION, generatedAt, trigger,
                new ProcessInfo(pid, "com.example.Main", "17.0.15", "0.1.0", "premain", agentStartedAt,
                        new FdUsage(42, 1024)),
                new AgentStatus(0, null, 10000, 0, listeners.size(), 32, sites.size(), "report=exit"),
                new KernelStatus(true, null, 3L),
                new Summary(trackedOpen, closeWait, unaccepted, collected, untracked, 0, 0, 0),
                listeners, leaks, List.of(), sites, List.of(), List.of(), List.of());
    }

    Path writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, ReportJson.toBytes(build()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> stack(String frame) {
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
                null, null, null, null, List.of(), null, null, List.of(), null);
    }
}
