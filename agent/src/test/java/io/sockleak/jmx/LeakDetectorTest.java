package io.sockleak.jmx;

import io.sockleak.diagnose.Diagnosis;
import io.sockleak.model.Evidence;
import io.sockleak.diagnose.LeakFinding;
import io.sockleak.model.LeakKind;
import io.sockleak.diagnose.StaleFinding;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeakDetectorTest {

    private final AtomicInteger diagnoses = new AtomicInteger();
    private Path dumped = Path.of("/r/report.json");

    private final LeakDetector.Source source = new LeakDetector.Source() {
        @Override
        public Diagnosis diagnose() {
            diagnoses.incrementAndGet();
            return new Diagnosis(List.of(), List.of(), 0, List.of(), 7, 2, 0);
        }

        @Override
        public long errors() {
            return 3;
        }

        @Override
        public Path reportDir() {
            return Path.of("/r");
        }

        @Override
        public Path dump() {
            return dumped;
        }
    };

    @Test
    void countsAreComputedAtMostOnceASecond() {
        AtomicLong now = new AtomicLong();
        LeakDetector detector = new LeakDetector(source, now::get);
        assertEquals(7, detector.getTrackedOpen());
        assertEquals(2, detector.getCollectedOpen());
        assertEquals(2, detector.getLeaks());
        assertEquals(0, detector.getCloseWait());
        assertEquals(1, diagnoses.get());
        now.addAndGet(LeakDetector.CACHE_NANOS);
        detector.getUntracked();
        assertEquals(2, diagnoses.get());
        assertEquals(3, detector.getErrors());
        assertEquals("/r", detector.getReportDir());
    }

    @Test
    void stalePooledAndYoungAreCountedBesideTheLeaksNotInThem() throws Exception {
        Diagnosis diagnosis = new Diagnosis(
                List.of(new LeakFinding(LeakKind.CLOSE_WAIT, Evidence.CLOSE_WAIT_AGED, null, null, 12, 1L, null)),
                List.of(new StaleFinding(null, null, 20, 1L, null, 1L), new StaleFinding(null, null, 21, 1L, null, 1L)),
                3, List.of(), 9, 1, 0);
        LeakDetector.Source withVerdicts = new LeakDetector.Source() {
            @Override
            public Diagnosis diagnose() {
                return diagnosis;
            }

            @Override
            public long errors() {
                return 0;
            }

            @Override
            public Path reportDir() {
                return Path.of("/r");
            }

            @Override
            public Path dump() {
                return null;
            }
        };
        LeakDetector detector = new LeakDetector(withVerdicts);

        assertEquals(1, detector.getCloseWait());
        assertEquals(1, detector.getCollectedOpen());
        assertEquals(2, detector.getLeaks(), "leaks only: not the stale pooled, not the young");
        assertEquals(2, detector.getStalePooled());
        assertEquals(3, detector.getYoung());

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(LeakDetector.OBJECT_NAME);
        try (LeakDetectorRegistration registration = LeakDetectorRegistration.start(withVerdicts, Duration.ZERO,
                io.sockleak.support.Console.stderr())) {
            assertTrue(registration.isRegistered());
            assertEquals(2L, server.getAttribute(name, "StalePooled"));
            assertEquals(3L, server.getAttribute(name, "Young"));
            assertEquals(2L, server.getAttribute(name, "Leaks"));
            assertTrue(java.util.Arrays.stream(server.getMBeanInfo(name).getAttributes())
                    .filter(a -> a.getName().equals("StalePooled"))
                    .allMatch(a -> a.getDescription().startsWith("NOT leaks")));
        }
    }

    @Test
    void dumpReturnsThePathOrSaysWhyNot() {
        LeakDetector detector = new LeakDetector(source);
        assertEquals("/r/report.json", detector.dump());
        dumped = null;
        IllegalStateException e = assertThrows(IllegalStateException.class, detector::dump);
        assertTrue(e.getMessage().contains("/r"), e.getMessage());
    }

    @Test
    void registeredAsAnMXBeanUntilClosed() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(LeakDetector.OBJECT_NAME);
        try (LeakDetectorRegistration registration = LeakDetectorRegistration.start(source, Duration.ZERO,
                io.sockleak.support.Console.stderr())) {
            assertTrue(registration.isRegistered());
            assertEquals(7L, server.getAttribute(name, "TrackedOpen"));
            assertEquals("/r", server.getAttribute(name, "ReportDir"));
            assertEquals("/r/report.json", server.invoke(name, "dump", null, null));
            assertTrue(server.getMBeanInfo(name).getDescription().contains("sockleak"));
        }
        assertFalse(server.isRegistered(name));
    }

    @Test
    void aDelayedRegistrationCanBeCancelled() throws Exception {
        LeakDetectorRegistration registration = LeakDetectorRegistration.start(source, Duration.ofMinutes(1),
                io.sockleak.support.Console.stderr());
        assertFalse(registration.isRegistered());
        registration.close();
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("sockleak-jmx")));
        assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(LeakDetector.OBJECT_NAME)));
    }
}
