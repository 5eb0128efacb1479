package io.sockleak.entry;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.config.AgentOptions;
import io.sockleak.config.ParsedOptions;
import io.sockleak.diagnose.CloseWaitClock;
import io.sockleak.diagnose.Diagnoser;
import io.sockleak.instrument.Instrumenter;
import io.sockleak.instrument.JdkInstrumentations;
import io.sockleak.kernel.KernelView;
import io.sockleak.report.Console;
import io.sockleak.report.Monitor;
import io.sockleak.report.ReportService;
import io.sockleak.report.ReportWriter;
import io.sockleak.report.ShutdownSummary;
import io.sockleak.report.Trigger;
import io.sockleak.report.model.AgentStatus;
import io.sockleak.report.model.ProcessInfo;
import io.sockleak.track.SocketIntrospector;
import io.sockleak.track.SocketTracker;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** One running agent in this JVM: the registry, the instrumentation, the monitor and the shutdown report. */
public final class Agent {

    private static volatile Agent current;

    private final Instrumentation instrumentation;
    private final StartMode mode;
    private final Instant startedAt = Instant.now();
    private final Console console = Console.stderr();
    private final AgentOptions options;
    private final String optionsText;
    private final SocketTracker tracker;
    private final Instrumenter instrumenter;
    private final ReportService reports;
    private final Monitor monitor;
    private final Thread shutdownHook;

    private Agent(Instrumentation instrumentation, StartMode mode, ParsedOptions parsed, String optionsText)
            throws Exception {
        this.instrumentation = instrumentation;
        this.mode = mode;
        this.options = parsed.options();
        this.optionsText = optionsText == null ? "" : optionsText;
        this.tracker = new SocketTracker(SocketIntrospector.create(), options.stackDepth(), options.maxTracked());
        KernelView kernel = new KernelView(options.procRoot());
        this.reports = new ReportService(tracker, kernel, new Diagnoser(new CloseWaitClock()),
                new ReportWriter(options.dir(), ProcessHandle.current().pid()), this::processInfo,
                this::agentStatus, List::of, console);
        this.instrumenter = new Instrumenter(instrumentation);
        this.monitor = new Monitor(tracker, reports, console);
        this.shutdownHook = new Thread(this::reportAtShutdown, "sockleak-shutdown");
    }

    static synchronized Agent start(String optionsText, ParsedOptions parsed, Instrumentation instrumentation,
                                    StartMode mode) throws Exception {
        if (current != null) {
            return current;
        }
        Agent agent = new Agent(instrumentation, mode, parsed, optionsText);
        SocketEvents.install(agent.tracker);
        agent.instrumenter.install(JdkInstrumentations.all());
        agent.monitor.start(agent.options.interval(), agent.options.scanInterval(), agent.options.threshold());
        Runtime.getRuntime().addShutdownHook(agent.shutdownHook);
        current = agent;
        agent.console.line("agent " + agentVersion() + " started (" + mode.jsonName() + "), "
                + "reports go to "
                + agent.reports.dir());
        return agent;
    }

    public static Agent current() {
        return current;
    }

    public SocketTracker tracker() {
        return tracker;
    }

    public ReportService reports() {
        return reports;
    }

    public Path dump() {
        return reports.report(Trigger.ON_DEMAND).path();
    }

    private void reportAtShutdown() {
        AtomicReference<ReportService.Written> written = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                written.set(reports.report(Trigger.SHUTDOWN));
            } catch (Throwable t) {
                tracker.error(t);
            } finally {
                done.countDown();
            }
        }, "sockleak-shutdown-report");
        worker.setDaemon(true);
        worker.start();
        try {
            if (!done.await(options.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                console.line("shutdown report not finished within " + options.shutdownTimeout().toMillis()
                        + " ms; exiting without it");
                return;
            }
        } catch (InterruptedException e) {
            return;
        }
        ReportService.Written w = written.get();
        if (w != null && options.summary()) {
            ShutdownSummary.lines(w.report(), w.path()).forEach(console::line);
        }
    }

    private ProcessInfo processInfo() {
        String command = System.getProperty("sun.java.command", "");
        String mainClass = command.isBlank() ? null : command.split(" ", 2)[0];
        return new ProcessInfo(ProcessHandle.current().pid(), mainClass, Runtime.version().toString(),
                agentVersion(), mode.jsonName(), startedAt.toString(), null);
    }

    private AgentStatus agentStatus() {
        long listeners = tracker.liveRecords().stream().filter(r -> r.isListener()).count();
        String lastError = tracker.lastError() != null ? tracker.lastError() : instrumenter.lastFailure();
        return new AgentStatus(tracker.errors() + instrumenter.failures(), lastError, tracker.maxTracked(),
                tracker.dropped(), (int) listeners, options.stackDepth(), tracker.sites().size(), optionsText);
    }

    static String agentVersion() {
        String version = Agent.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
