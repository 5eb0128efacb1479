package io.sockleak.jmx;

import io.sockleak.support.Console;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;
import java.time.Duration;
import java.util.Map;

/**
 * The counts MBean in the platform MBeanServer from start to stop: registered at once on attach, a
 * few seconds after premain ({@link PlatformRegistration} says why).
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
            Map.entry("CloseWaitAged", "Leaks by verdict CLOSE_WAIT_AGED: seen in CLOSE_WAIT by looks minCloseWait apart"),
            Map.entry("ReadEofKept", "Leaks by verdict READ_EOF_KEPT: end-of-stream read, socket kept"),
            Map.entry("BorrowedNotReturned", "Leaks by verdict BORROWED_NOT_RETURNED: borrowed from a pool, not returned"),
            Map.entry("OpenAtExit", "Leaks by verdict OPEN_AT_EXIT (shutdown report only)"),
            Map.entry("StalePooled",
                    "NOT leaks: idle pooled connections the peer closed (the pool drops them on next borrow)"),
            Map.entry("Young", "NOT leaks: CLOSE_WAIT sockets younger than minCloseWait, not judged yet"),
            Map.entry("Errors", "Errors the agent swallowed"),
            Map.entry("ReportDir", "Where reports are written"),
            Map.entry("dump", "Writes an on-demand report now and returns its path"));

    private final PlatformRegistration registration;

    private LeakDetectorRegistration(PlatformRegistration registration) {
        this.registration = registration;
    }

    /** Registers now ({@code delay} zero) or after {@code delay}; never throws. */
    public static LeakDetectorRegistration start(LeakDetector.Source source, Duration delay, Console console) {
        return new LeakDetectorRegistration(PlatformRegistration.start(LeakDetector.OBJECT_NAME,
                () -> new Described(new LeakDetector(source)), delay, () -> { }, console));
    }

    public boolean isRegistered() {
        return registration.isRegistered();
    }

    /** Unregisters the MBean, or cancels a registration still waiting. */
    @Override
    public void close() {
        registration.close();
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
