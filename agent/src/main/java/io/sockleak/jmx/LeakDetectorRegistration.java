package io.sockleak.jmx;

import io.sockleak.support.Console;

import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;

/**
 * The MBean in the platform MBeanServer from start to stop. On attach it is registered at once; at
 * premain it is registered a few seconds later from a short-lived thread ("sockleak-jmx"), because
 * creating the platform MBeanServer before main runs initialises JMX and java.util.logging before
 * the application had a chance to configure them (application servers set their own log manager).
 */
public final class LeakDetectorRegistration implements AutoCloseable {

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("TrackedOpen", "Tracked connections (not listeners) open now"),
            Map.entry("CloseWait",
                    "Tracked sockets in CLOSE_WAIT judged leaks: the peer closed, this process never did"),
            Map.entry("Unaccepted", "Connections completed on this process's listeners and never accepted"),
            Map.entry("CollectedOpen", "Sockets garbage-collected while open, since the agent started"),
            Map.entry("Untracked", "CLOSE_WAIT sockets the agent never saw opened (opened before attach, or native)"),
            Map.entry("Leaks", "CloseWait + CollectedOpen + Untracked (leaks only)"),
            Map.entry("StalePooled",
                    "NOT leaks: idle pooled connections the peer closed (the pool drops them on next borrow)"),
            Map.entry("Young", "NOT leaks: CLOSE_WAIT sockets younger than minCloseWait, not judged yet"),
            Map.entry("Errors", "Errors the agent swallowed"),
            Map.entry("ReportDir", "Where reports are written"),
            Map.entry("dump", "Writes an on-demand report now and returns its path"));

    private final LeakDetector.Source source;
    private final Console console;
    private Thread pending;
    private ObjectName registered;
    private boolean closed;

    private LeakDetectorRegistration(LeakDetector.Source source, Console console) {
        this.source = source;
        this.console = console;
    }

    /** Registers now ({@code delay} zero) or after {@code delay}; never throws. */
    public static LeakDetectorRegistration start(LeakDetector.Source source, Duration delay, Console console) {
        LeakDetectorRegistration registration = new LeakDetectorRegistration(source, console);
        if (delay.isZero()) {
            registration.register();
        } else {
            Thread later = new Thread(() -> {
                try {
                    Thread.sleep(delay.toMillis());
                    registration.register();
                } catch (InterruptedException stopped) {
                    // closed before it was time
                }
            }, "sockleak-jmx");
            later.setDaemon(true);
            registration.pending = later;
            later.start();
        }
        return registration;
    }

    private synchronized void register() {
        if (closed) {
            return;
        }
        try {
            ObjectName name = new ObjectName(LeakDetector.OBJECT_NAME);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            server.registerMBean(new Described(new LeakDetector(source)), name);
            registered = name;
        } catch (InstanceAlreadyExistsException e) {
            console.line("JMX: " + LeakDetector.OBJECT_NAME + " is already registered (another sockleak agent?);"
                    + " this agent has no MBean");
        } catch (Exception | LinkageError e) {
            console.line("JMX: could not register " + LeakDetector.OBJECT_NAME + ": " + e);
        }
    }

    public synchronized boolean isRegistered() {
        return registered != null;
    }

    /** Unregisters the MBean, or cancels a registration still waiting. */
    @Override
    public void close() {
        Thread waiting;
        synchronized (this) {
            closed = true;
            waiting = pending;
            pending = null;
            if (registered != null) {
                try {
                    ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
                } catch (Exception e) {
                    console.line("JMX: could not unregister " + registered + ": " + e);
                }
                registered = null;
            }
        }
        if (waiting != null) {
            waiting.interrupt();
            try {
                waiting.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** An MXBean whose attributes and operation carry a description (JConsole and VisualVM show it). */
    private static final class Described extends StandardMBean {
        Described(LeakDetector detector) throws NotCompliantMBeanException {
            super(detector, LeakDetectorMXBean.class, true);
        }

        @Override
        protected String getDescription(MBeanInfo info) {
            return "sockleak: socket leaks of this JVM (counts refresh at most once a second)";
        }

        @Override
        protected String getDescription(MBeanAttributeInfo info) {
            return DESCRIPTIONS.getOrDefault(info.getName(), info.getDescription());
        }

        @Override
        protected String getDescription(MBeanOperationInfo info) {
            return DESCRIPTIONS.getOrDefault(info.getName(), info.getDescription());
        }
    }
}
