package io.sockleak.entry;

import io.sockleak.control.ControlNames;
import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.config.AgentOptions;
import io.sockleak.config.MemoryBudget;
import io.sockleak.config.ParsedOptions;
import io.sockleak.diagnose.CloseWaitClock;
import io.sockleak.diagnose.Diagnoser;
import io.sockleak.ports.PortTroubleExplainer;
import io.sockleak.ports.ReportOnDemand;
import io.sockleak.instrument.Instrumenter;
import io.sockleak.instrument.JdkInstrumentations;
import io.sockleak.instrument.TypeInstrumentation;
import io.sockleak.instrument.library.LibraryInstrumentations;
import io.sockleak.jmx.LeakDetector;
import io.sockleak.jmx.LeakDetectorRegistration;
import io.sockleak.kernel.KernelView;
import io.sockleak.model.StartMode;
import io.sockleak.report.MemoryPressure;
import io.sockleak.support.Console;
import io.sockleak.report.ReportService;
import io.sockleak.report.ReportWriter;
import io.sockleak.report.ShutdownSummary;
import io.sockleak.model.Trigger;
import io.sockleak.model.AgentStatus;
import io.sockleak.model.ProcessInfo;
import io.sockleak.track.FrameRule;
import io.sockleak.track.SocketIntrospector;
import io.sockleak.track.SocketTracker;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    private final MemoryBudget budget = MemoryBudget.ofThisJvm();
    private final MemoryPressure pressure = new MemoryPressure(console);
    private volatile AgentOptions options;
    private volatile String optionsText;
    private final SocketTracker tracker;
    private final Instrumenter instrumenter;
    private final ReportService reports;
    private final PortTroubleExplainer ports;
    private volatile Monitor monitor;
    private final Thread shutdownHook;
    private LeakDetectorRegistration jmx;
    /** The JFR events ({@code io.sockleak.jfr}), typed so that this class links without jdk.jfr. */
    private AutoCloseable jfr;

    private Agent(Instrumentation instrumentation, StartMode mode, ParsedOptions parsed, String optionsText)
            throws Exception {
        this.instrumentation = instrumentation;
        this.mode = mode;
        this.options = parsed.options();
        this.optionsText = optionsText == null ? "" : optionsText;
        this.tracker = new SocketTracker(SocketIntrospector.create(), options.stackDepth(),
                options.stackSampling(), trackedLimit(options.maxTracked()), new FrameRule(options.appPackages()));
        KernelView kernel = new KernelView(options.procRoot(), budget.maxUnresolvedRows());
        this.ports = new PortTroubleExplainer(tracker, options.procRoot(), options.stackDepth(),
                options.failureReportGap(), console);
        this.reports = new ReportService(tracker, kernel, new Diagnoser(new CloseWaitClock(),
                () -> this.options.minCloseWait().toMillis()),
                new ReportWriter(options.dir(), ProcessHandle.current().pid()), this::processInfo,
                this::agentStatus, ports::bindFailures, console, budget, pressure);
        ports.reportWith(trigger -> {
            ReportService.Written written = reports.report(trigger);
            return new ReportOnDemand.Written(written.report(), written.path());
        });
        pressure.onDegrade(() -> tracker.setMaxTracked(0));
        this.instrumenter = new Instrumenter(instrumentation);
        this.monitor = newMonitor();
        this.shutdownHook = new Thread(this::reportAtShutdown, "sockleak-shutdown");
    }

    static synchronized Agent start(String optionsText, ParsedOptions parsed, Instrumentation instrumentation,
                                    StartMode mode) throws Exception {
        if (current != null) {
            // A second -javaagent for this jar: one agent per JVM, and this start's options say nothing.
            current.console.line("agent already running (" + current.mode.jsonName() + ", options '"
                    + current.optionsText + "'); options '" + (optionsText == null ? "" : optionsText)
                    + "' of this start ignored");
            return current;
        }
        Agent agent = new Agent(instrumentation, mode, parsed, optionsText);
        try {
            agent.tracker.setFailureHandler(agent.ports.start());
            SocketEvents.install(agent.tracker);
            agent.instrumenter.install(instrumentations());
            agent.monitor.start(agent.options.interval(), agent.options.scanInterval(), agent.options.threshold());
            if (!ExitHook.set(agent::reportAtShutdown)) {
                Runtime.getRuntime().addShutdownHook(agent.shutdownHook);
            }
        } catch (RuntimeException | Error e) {
            // A half-started agent must not stay behind (an attach that failed leaves the JVM as it was).
            agent.undoStart();
            throw e;
        }
        current = agent;
        // Started: whatever happens to the optional parts below, dump and stop must find this agent.
        System.setProperty(ControlNames.STATE_PROPERTY, mode.jsonName());
        agent.startJmx();
        agent.startJfr();
        agent.console.line("agent " + agentVersion() + " started (" + mode.jsonName() + "), "
                + "reports go to "
                + agent.reports.dir());
        return agent;
    }

    /**
     * The MBean, the one optional part: a runtime without java.management (a jlink image) runs the agent
     * without it and says so; a failure to set it up is one line too, never "agent not started".
     */
    private void startJmx() {
        if (!OptionalModules.management()) {
            console.line("this runtime has no java.management module: no MBean, and the CLI's dump and stop"
                    + " load the agent again");
            return;
        }
        try {
            jmx = LeakDetectorRegistration.start(jmxSource(),
                    mode == StartMode.PREMAIN ? JMX_DELAY_AT_PREMAIN : Duration.ZERO, console);
        } catch (RuntimeException | LinkageError e) {
            console.line("JMX off: the MBean could not be set up (" + e + ")");
        }
    }

    /** The JFR events, optional too: a runtime without jdk.jfr runs the agent without them. */
    private void startJfr() {
        if (!OptionalModules.flightRecorder()) {
            return;
        }
        try {
            jfr = io.sockleak.jfr.FlightRecorderEvents.start(reports::diagnose, tracker.sites(), console);
        } catch (RuntimeException | LinkageError e) {
            console.line("JFR events off: they could not be set up (" + e + ")");
        }
    }

    /** The JDK's socket classes and the libraries' pools. */
    private static List<TypeInstrumentation> instrumentations() {
        List<TypeInstrumentation> all = new ArrayList<>(JdkInstrumentations.all());
        all.addAll(LibraryInstrumentations.all());
        return all;
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

    // ---- attach again, stop, JMX (docs/attach.md) ------------------------------------------------

    static final Duration JMX_DELAY_AT_PREMAIN = Duration.ofSeconds(5);
    private static final Duration MONITOR_STOP_WAIT = Duration.ofSeconds(5);

    StartMode mode() {
        return mode;
    }

    Instant startedAt() {
        return startedAt;
    }

    /**
     * A second attach with options: those that can change take effect now (the monitor restarts with
     * them); the registry and the instrumentation stay as they are.
     */
    static synchronized OptionsChange reconfigure(String requestedText) {
        Agent agent = current;
        if (agent == null) {
            return null;
        }
        OptionsChange change = OptionsChange.of(agent.optionsText, agent.options, requestedText);
        AgentOptions next = change.options();
        if (change.dirChanged()) {
            agent.reports.redirect(new ReportWriter(next.dir(), ProcessHandle.current().pid()));
        }
        agent.tracker.setMaxTracked(agent.pressure.outOfMemory() ? 0 : agent.trackedLimit(next.maxTracked()));
        agent.options = next;
        agent.optionsText = change.text();
        if (change.monitorChanged()) {
            agent.monitor.stop(MONITOR_STOP_WAIT);
            Monitor restarted = agent.newMonitor();
            restarted.start(next.interval(), next.scanInterval(), next.threshold());
            agent.monitor = restarted;
        }
        change.changes().forEach(c -> agent.console.line("option changed by attach: " + c));
        change.notes().forEach(agent.console::line);
        return change;
    }

    /** What {@link #stop} did: the final report (null if it could not be written) and the classes restored. */
    record Stopped(Path finalReport, int restoredClasses, boolean instrumentationRemoved) {
    }

    /**
     * Leaves the JVM: a final report (trigger on-demand), the JDK classes back to their original code,
     * the agent's threads ended, the counts MBean and the shutdown hook gone. A later attach starts
     * afresh (through the control MBean, which stays: {@link ControlOverJmx}).
     */
    static synchronized Stopped stop() {
        Agent agent = current;
        if (agent == null) {
            return null;
        }
        Path last = null;
        try {
            last = agent.dump();
        } catch (Throwable t) {
            agent.tracker.error(t);
        }
        SocketEvents.install(null);
        int restored = agent.instrumenter.transformedTypes().size();
        boolean removed = agent.instrumenter.uninstall();
        agent.tracker.setFailureHandler(null);
        agent.ports.close();
        agent.monitor.stop(MONITOR_STOP_WAIT);
        if (agent.jmx != null) {
            agent.jmx.close();
        }
        if (agent.jfr != null) {
            try {
                agent.jfr.close();
            } catch (Exception ignored) {
                // close() of the JFR events throws nothing; AutoCloseable says it may
            }
        }
        ExitHook.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(agent.shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException notThereOrExiting) {
            // the report ran from the JDK's slot, or the JVM is exiting anyway
        }
        System.clearProperty(ControlNames.STATE_PROPERTY);
        current = null;
        agent.console.line("agent stopped: " + restored + " JDK classes restored, final report "
                + (last == null ? "not written" : last));
        return new Stopped(last, restored, removed);
    }

    /** The sockets tracked at most: {@code maxTracked}, or fewer when the memory budget allows fewer. */
    private int trackedLimit(int requested) {
        return Math.min(requested, budget.maxTrackedSockets());
    }

    private Monitor newMonitor() {
        return new Monitor(tracker, reports, console, pressure, () -> {
            if (tracker.dropped() > 0 && tracker.maxTracked() < options.maxTracked()) {
                pressure.budgetReached(tracker.maxTracked() + " sockets tracked at most (a share of the "
                        + (Runtime.getRuntime().maxMemory() >> 20) + " MB heap); "
                        + "the others are counted (agent.droppedUntracked) and found by the kernel view");
            }
        });
    }

    private void undoStart() {
        if (SocketEvents.sink() == tracker) {
            SocketEvents.install(null);
        }
        for (Runnable step : new Runnable[] {instrumenter::uninstall, () -> tracker.setFailureHandler(null),
                ports::close, () -> monitor.stop(MONITOR_STOP_WAIT), ExitHook::clear}) {
            try {
                step.run();
            } catch (Throwable ignored) {
                // undo as much as possible
            }
        }
    }

    private LeakDetector.Source jmxSource() {
        return new LeakDetector.Source() {
            @Override
            public io.sockleak.diagnose.Diagnosis diagnose() {
                return reports.diagnose();
            }

            @Override
            public long errors() {
                return Agent.this.errors();
            }

            @Override
            public Path reportDir() {
                return reports.dir();
            }

            @Override
            public Path dump() {
                return Agent.this.dump();
            }
        };
    }

    private void reportAtShutdown() {
        // The JVM is exiting: the descriptors kept for an out-of-descriptors report are needed now; the
        // bind failures still being explained are not dropped (the report waits for them).
        ports.releaseReserve();
        AtomicReference<ReportService.Written> written = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                written.set(reports.report(Trigger.SHUTDOWN));
            } catch (OutOfMemoryError e) {
                pressure.outOfMemory("the shutdown report");
                tracker.error(e);
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
        return new AgentStatus(errors(), lastError, tracker.maxTracked(),
                tracker.dropped(), (int) listeners, options.stackDepth(), tracker.sites().size(), optionsText);
    }

    private long errors() {
        return tracker.errors() + instrumenter.failures();
    }

    static String agentVersion() {
        String version = Agent.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
