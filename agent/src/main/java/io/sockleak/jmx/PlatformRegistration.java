package io.sockleak.jmx;

import io.sockleak.support.Console;

import javax.management.InstanceAlreadyExistsException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * One MBean in the platform MBeanServer, registered now or after a delay, until closed. At premain the
 * delay matters: creating the platform MBeanServer before main runs initialises JMX and
 * java.util.logging before the application had a chance to configure them (application servers set
 * their own log manager), so registration waits on a short-lived daemon thread ("sockleak-jmx").
 * Never throws: a failure is one {@code sockleak:} line.
 */
final class PlatformRegistration implements AutoCloseable {

    private final String objectName;
    private final Callable<Object> mbean;
    private final Runnable afterRegistered;
    private final Console console;
    private Thread pending;
    private ObjectName registered;
    private boolean closed;

    private PlatformRegistration(String objectName, Callable<Object> mbean, Runnable afterRegistered,
                                 Console console) {
        this.objectName = objectName;
        this.mbean = mbean;
        this.afterRegistered = afterRegistered;
        this.console = console;
    }

    /** Registers {@code mbean()} under {@code objectName} now ({@code delay} zero) or after {@code delay}. */
    static PlatformRegistration start(String objectName, Callable<Object> mbean, Duration delay,
                                      Runnable afterRegistered, Console console) {
        PlatformRegistration registration = new PlatformRegistration(objectName, mbean, afterRegistered, console);
        if (delay.isZero()) {
            registration.register();
            return registration;
        }
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                registration.register();
            } catch (InterruptedException stopped) {
                // closed before it was time
            }
        }, "sockleak-jmx");
        later.setDaemon(true);
        synchronized (registration) {
            registration.pending = later;
        }
        later.start();
        return registration;
    }

    private void register() {
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                ObjectName name = new ObjectName(objectName);
                ManagementFactory.getPlatformMBeanServer().registerMBean(mbean.call(), name);
                registered = name;
            } catch (InstanceAlreadyExistsException e) {
                console.line("JMX: " + objectName + " is already registered (another sockleak agent?);"
                        + " this agent does not replace it");
                return;
            } catch (Exception | LinkageError e) {
                console.line("JMX: could not register " + objectName + ": " + e);
                return;
            }
        }
        try {
            afterRegistered.run();
        } catch (RuntimeException e) {
            console.line("JMX: " + objectName + " registered, but: " + e);
        }
    }

    synchronized boolean isRegistered() {
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
        if (waiting != null && waiting != Thread.currentThread()) {
            waiting.interrupt();
            try {
                waiting.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
