package io.sockleak.e2e.attach;

import io.sockleak.control.ControlNames;
import io.sockleak.jmx.LeakDetector;
import io.sockleak.model.ReportJson;
import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ListenerEntry;
import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.ChildReaper;
import io.sockleak.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.sockleak.e2e.attach.AttachTools.assertNoStackTrace;
import static io.sockleak.e2e.attach.AttachTools.cli;
import static io.sockleak.e2e.attach.AttachTools.lastLine;
import static io.sockleak.e2e.attach.AttachTools.probe;
import static io.sockleak.e2e.attach.AttachTools.tellAndAwait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production story end to end, on whatever JDK runs the build (JDK 17 and Temurin 25 in CI): a
 * JVM started without any agent leaks; the CLI attaches from another process; it leaks more; dump;
 * attach again with other options; dump; stop; the JVM runs on with its original JDK classes, and
 * can be attached to again.
 */
class AttachIT {

    /** Long enough for a CLI run on a busy machine to look before the leaks come of age. */
    private static final long MIN_CLOSE_WAIT_MILLIS = 4000;
    private static final Pattern ATTACH_MILLIS = Pattern.compile("in (\\d+) ms");
    private static final Set<String> INSTRUMENTED = Set.of("sun.nio.ch.NioSocketImpl", "sun.nio.ch.SocketChannelImpl");

    @TempDir
    Path work;

    @RegisterExtension
    final ChildReaper children = new ChildReaper();

    private ChildJvm.Started target;

    @Test
    void attachDumpAttachAgainDumpStopOnAJvmStartedWithoutAnAgent() throws Exception {
        target = children.keep(ChildJvm.in(work).withoutAgent().main(LeakyTarget.class).timeout(Duration.ofSeconds(60))
                .start());
        long pid = target.pid();
        String ready = tellAndAwait(target, null, "READY ");
        int listenerPort = Integer.parseInt(ready.substring(ready.indexOf('=') + 1));

        // Before any attach: leaks the agent will never see opened, and a listener with a queue.
        Set<Integer> leakedBefore = ports(tellAndAwait(target, "LEAK 2", "LEAKED "));
        leakedBefore.addAll(ports(tellAndAwait(target, "LEAKNIO 1", "LEAKED ")));
        tellAndAwait(target, "UNACCEPTED 2", "UNACCEPTED ");
        Map<String, AttachTools.ClassState> original = probe(pid, work);
        assertTrue(original.keySet().containsAll(INSTRUMENTED), "socket classes loaded before attach: " + original.keySet());
        assertTrue(original.values().stream().noneMatch(AttachTools.ClassState::callsBridge));

        // list
        ChildJvm.Result list = assertNoStackTrace(cli(work, "list")).assertExitCode(0);
        assertTrue(list.stdout().lines().anyMatch(l -> l.startsWith(pid + " " + LeakyTarget.class.getName())),
                list.stdout());

        // attach
        Path dir1 = work.resolve("reports-1");
        ChildJvm.Result attach = assertNoStackTrace(cli(work, "attach", Long.toString(pid), "dir=" + dir1,
                "minCloseWait=" + MIN_CLOSE_WAIT_MILLIS + "ms,scanInterval=0"))
                .assertExitCode(0);
        assertTrue(attach.stdout().contains("attached to pid " + pid + " (" + LeakyTarget.class.getName()),
                attach.stdout());
        assertTrue(attach.stdout().contains("reports go to " + dir1), attach.stdout());
        Matcher millis = ATTACH_MILLIS.matcher(attach.stdout());
        assertTrue(millis.find(), attach.stdout());
        System.out.println("[AttachIT] Java " + Runtime.version() + ": attach took " + millis.group(1)
                + " ms (CLI-measured, inspect + attach + agent start + reply); whole CLI process "
                + "output:\n" + attach.stdout());
        boolean warns = Runtime.version().feature() >= 21;
        assertEquals(warns, attach.stderr().contains("-XX:+EnableDynamicAgentLoading"), attach.stderr());
        assertEquals(warns, target.stderr().contains("WARNING: A Java agent has been loaded dynamically"),
                target.stderr());
        assertTrue(target.stderr().contains("sockleak: agent ") && target.stderr().contains("started (attach)"),
                target.stderr());

        // The first dump starts the target's local JMX connector (the CLI's channel to the loaded
        // agent), which takes a second or more on a busy machine; started now, the first dump below
        // looks within minCloseWait of the leaks, as the test needs (and without periodic scans, the
        // dumps are the only looks).
        AttachTools.jmx(pid).close();

        // After the attach: leaks tracked with the lines that opened them.
        String socketLeak = tellAndAwait(target, "LEAK 2", "LEAKED ");
        String channelLeak = tellAndAwait(target, "LEAKNIO 1", "LEAKED ");
        Set<Integer> leakedAfter = ports(socketLeak);
        leakedAfter.addAll(ports(channelLeak));

        // The first look sees them all in CLOSE_WAIT for the first time: too young to call leaks.
        LeakReport early = dump(pid, dir1);
        long earlyLook = System.currentTimeMillis();
        assertEquals(6, early.summary().young(), describe(early));
        assertEquals(List.of(), early.leaks(), describe(early));
        // Seen by two looks at least minCloseWait apart: now they are leaks.
        Poll.until("minCloseWait has passed since the first look", Duration.ofSeconds(10),
                () -> System.currentTimeMillis() - earlyLook > MIN_CLOSE_WAIT_MILLIS + 100);
        LeakReport first = dump(pid, dir1);
        assertEquals(0, first.summary().young(), describe(first));
        // The target drained each connection up to the peer's FIN: what it saw opened, it saw end.
        assertTrue(first.leaks().stream().allMatch(l -> l.evidence().equals(
                l.kind().equals("UNTRACKED") ? "CLOSE_WAIT_AGED" : "READ_EOF_KEPT")), describe(first));
        assertEquals("attach", first.process().startMode());
        assertEquals("on-demand", first.trigger());
        assertEquals(3, first.summary().untracked(), describe(first));
        assertEquals(3, first.summary().closeWait(), describe(first));
        assertUntracked(first, leakedBefore);
        assertTracked(first, leakedAfter, frame(socketLeak), frame(channelLeak));
        assertListenerFromBeforeAttach(first, listenerPort);
        assertTrue(threads().contains("sockleak-monitor"));

        Map<String, AttachTools.ClassState> attached = probe(pid, work);
        for (String name : INSTRUMENTED) {
            assertTrue(attached.get(name).callsBridge(), name + " instrumented after attach");
            assertNotEquals(original.get(name).hash(), attached.get(name).hash());
        }

        ObjectName name = new ObjectName(LeakDetector.OBJECT_NAME);
        try (JMXConnector jmx = AttachTools.jmx(pid)) {
            MBeanServerConnection mbeans = jmx.getMBeanServerConnection();
            assertTrue(mbeans.isRegistered(name));
            assertEquals(3L, mbeans.getAttribute(name, "CloseWait"));
            assertEquals(3L, mbeans.getAttribute(name, "Untracked"));
            assertEquals(2L, mbeans.getAttribute(name, "Unaccepted"));
            assertEquals(0L, mbeans.getAttribute(name, "CollectedOpen"));
            assertEquals(6L, mbeans.getAttribute(name, "Leaks"));
            assertEquals(dir1.toString(), mbeans.getAttribute(name, "ReportDir"));
            String viaJmx = (String) mbeans.invoke(name, "dump", null, null);
            assertTrue(Path.of(viaJmx).startsWith(dir1) && Files.isRegularFile(Path.of(viaJmx)), viaJmx);
            assertEquals("on-demand", ReportJson.read(Path.of(viaJmx)).trigger());

            // Attach again, changing options: nothing instrumented or counted twice.
            Path dir2 = work.resolve("reports-2");
            ChildJvm.Result again = assertNoStackTrace(cli(work, "attach", Long.toString(pid),
                    "dir=" + dir2 + ",threshold=50")).assertExitCode(0);
            assertTrue(again.stdout().contains("the agent already runs in pid " + pid), again.stdout());
            assertTrue(again.stdout().contains("changed: dir=" + dir2 + " (was " + dir1 + ")"), again.stdout());
            assertTrue(again.stdout().contains("changed: threshold=50 (was 0)"), again.stdout());
            assertTrue(again.stdout().contains("reports go to " + dir2), again.stdout());
            Map<String, AttachTools.ClassState> attachedAgain = probe(pid, work);
            attached.forEach((cls, state) -> {
                if (state.callsBridge()) {
                    assertEquals(state, attachedAgain.get(cls), cls + " instrumented once, not twice");
                }
            });

            String oneMore = tellAndAwait(target, "LEAK 1", "LEAKED ");
            int oneMorePort = ports(oneMore).iterator().next();
            // The target read the peer's end-of-stream; kept past minCloseWait, one look proves it.
            long drained = System.currentTimeMillis();
            Poll.until("minCloseWait has passed since the target read end-of-stream", Duration.ofSeconds(10),
                    () -> System.currentTimeMillis() - drained > MIN_CLOSE_WAIT_MILLIS + 100);
            LeakReport second = dump(pid, dir2);
            assertEquals(3, second.summary().untracked(), describe(second));
            assertEquals(4, second.summary().closeWait(), describe(second));
            assertEquals(1, second.leaks().stream().filter(l -> port(l.local()) == oneMorePort).count(),
                    "the socket opened after the second attach is recorded once: " + describe(second));
            assertEquals(7, second.leaks().stream().map(l -> port(l.local())).distinct().count(), describe(second));
            assertEquals(3, second.sites().stream().filter(s -> frame(socketLeak).equals(s.frame()))
                    .mapToInt(s -> s.count()).sum(), "leaks of the socket site: " + second.sites());
            Poll.until("JMX counts refreshed", Duration.ofSeconds(5), () -> attribute(mbeans, name, "CloseWait") == 4L);
            assertEquals(dir2.toString(), mbeans.getAttribute(name, "ReportDir"));

            // stop
            ChildJvm.Result stop = assertNoStackTrace(cli(work, "stop", Long.toString(pid))).assertExitCode(0);
            Path last = Path.of(lastLine(stop.stdout()));
            assertTrue(last.startsWith(dir2), stop.stdout());
            LeakReport finalReport = ReportJson.read(last);
            assertEquals("on-demand", finalReport.trigger());
            assertEquals(4, finalReport.summary().closeWait());
            assertTrue(stop.stdout().contains("JDK classes back to their original code"), stop.stdout());
            assertFalse(mbeans.isRegistered(name), "counts MBean unregistered at stop");
            assertTrue(mbeans.isRegistered(new ObjectName(ControlNames.CONTROL_MBEAN)),
                    "the control MBean stays for the next attach");
        }

        Poll.until("no sockleak threads", Duration.ofSeconds(10),
                () -> threads().stream().noneMatch(t -> t.startsWith("sockleak-")));
        Map<String, AttachTools.ClassState> stopped = probe(pid, work);
        // Not "the same bytes as before": HotSpot may keep the instrumented version's constant pool
        // entries (unused) after redefining a class back, and JDK 17 and 25 differ there.
        assertTrue(stopped.keySet().containsAll(INSTRUMENTED), stopped.keySet().toString());
        stopped.forEach((cls, state) -> assertFalse(state.callsBridge(), cls + " still calls the agent: " + state));
        assertEquals("ECHO ok", tellAndAwait(target, "ECHO", "ECHO "));
        AttachTools.assertFails(cli(work, "dump", Long.toString(pid)), 1, "no sockleak agent is running");

        // A later attach starts afresh: what was tracked before is UNTRACKED now (and, with
        // minCloseWait=0, a leak at the first look).
        Set<Integer> leakedWhileStopped = ports(tellAndAwait(target, "LEAK 1", "LEAKED "));
        Path dir3 = work.resolve("reports-3");
        ChildJvm.Result reattach = assertNoStackTrace(cli(work, "attach", Long.toString(pid), "dir=" + dir3,
                "minCloseWait=0")).assertExitCode(0);
        assertTrue(reattach.stdout().contains("attached to pid " + pid), reattach.stdout());
        assertFalse(reattach.stderr().contains("EnableDynamicAgentLoading") || reattach.stderr().contains("loading it"),
                "attach after stop needs no new agent load: " + reattach.stderr());
        LeakReport third = dump(pid, dir3);
        assertEquals(0, third.summary().closeWait(), describe(third));
        assertEquals(3 + 4 + leakedWhileStopped.size(), third.summary().untracked(), describe(third));
        assertNoStackTrace(cli(work, "stop", Long.toString(pid))).assertExitCode(0);
        Poll.until("no sockleak threads", Duration.ofSeconds(10),
                () -> threads().stream().noneMatch(t -> t.startsWith("sockleak-")));

        assertEquals("ECHO ok", tellAndAwait(target, "ECHO", "ECHO "));
        target.tell("EXIT");
        ChildJvm.Result end = target.await().assertExitCode(0);
        // One agent load for the whole session: dump, attach again, stop, attach after stop and stop
        // again reached the agent through its control MBean (the JDK warns once per load on 21+; the
        // test's own class probe is loaded a few times too).
        assertEquals(warns ? 1 : 0, count(end.stderr(), "WARNING: A Java agent has been loaded dynamically ("
                + ChildJvm.agentJar() + ")"), end.stderr());
        assertEquals(2, count(end.stderr(), "started (attach)"), end.stderr());
        assertFalse(end.stderr().contains("Exception") || end.stderr().contains("agent not started"), end.stderr());
    }

    private static int count(String text, String what) {
        return (int) text.lines().filter(l -> l.contains(what)).count();
    }

    private LeakReport dump(long pid, Path dir) throws Exception {
        ChildJvm.Result dump = assertNoStackTrace(cli(work, "dump", Long.toString(pid))).assertExitCode(0);
        Path path = Path.of(lastLine(dump.stdout()));
        assertTrue(path.startsWith(dir) && Files.isRegularFile(path), dump.stdout() + dump.stderr());
        assertTrue(dump.stdout().startsWith("pid " + pid + ": "), dump.stdout());
        assertFalse(dump.stderr().contains("loading it again"), "through the control MBean: " + dump.stderr());
        return ReportJson.read(path);
    }

    private static void assertUntracked(LeakReport report, Set<Integer> ports) {
        List<Leak> untracked = report.leaks().stream().filter(l -> l.kind().equals("UNTRACKED")).toList();
        assertEquals(ports, untracked.stream().map(l -> port(l.local())).collect(Collectors.toSet()), describe(report));
        for (Leak leak : untracked) {
            assertNotNull(leak.fd(), "fd of " + leak);
            assertNotNull(leak.inode(), "inode of " + leak);
            assertEquals("CLOSE_WAIT", leak.state());
            assertTrue(leak.local().startsWith("127.0.0.1:") && leak.remote().startsWith("127.0.0.1:"), leak.toString());
            assertTrue(leak.stack().isEmpty(), "no stack for a socket opened before attach: " + leak);
        }
    }

    private static void assertTracked(LeakReport report, Set<Integer> ports, String socketFrame, String channelFrame) {
        List<Leak> tracked = report.leaks().stream().filter(l -> l.kind().equals("CLOSE_WAIT")).toList();
        assertEquals(ports, tracked.stream().map(l -> port(l.local())).collect(Collectors.toSet()), describe(report));
        assertEquals(2, tracked.stream().filter(l -> l.stack().contains(socketFrame)).count(), describe(report));
        assertEquals(1, tracked.stream().filter(l -> l.stack().contains(channelFrame)).count(), describe(report));
        for (Leak leak : tracked) {
            assertNotNull(leak.fd());
            assertNotNull(leak.inode());
            assertEquals("connected", leak.origin());
        }
    }

    private static void assertListenerFromBeforeAttach(LeakReport report, int port) {
        ListenerEntry listener = report.listeners().stream().filter(l -> port(l.local()) == port).findFirst()
                .orElseThrow(() -> new AssertionError("listener :" + port + " not listed: " + report.listeners()));
        assertEquals(2, listener.acceptQueue(), listener.toString());
        assertEquals(2, listener.unaccepted().size(), listener.toString());
        assertNotNull(listener.fd());
        assertNotNull(listener.inode());
        assertTrue(listener.stack().isEmpty(), "opened before attach: no stack");
    }

    private Set<String> threads() {
        String line = tellAndAwait(target, "THREADS", "THREADS ");
        return new TreeSet<>(Arrays.asList(line.substring("THREADS ".length()).split("\\|")));
    }

    private static long attribute(MBeanServerConnection mbeans, ObjectName name, String attribute) {
        try {
            return (Long) mbeans.getAttribute(name, attribute);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** "LEAKED 1234,1235 FRAME f" -> the local ports. */
    private static Set<Integer> ports(String leaked) {
        String list = leaked.substring("LEAKED ".length(), leaked.indexOf(" FRAME "));
        return Arrays.stream(list.split(",")).map(Integer::parseInt).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String frame(String leaked) {
        return leaked.substring(leaked.indexOf(" FRAME ") + " FRAME ".length());
    }

    private static int port(String address) {
        return address == null ? -1 : Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static String describe(LeakReport report) {
        return "summary " + report.summary() + "\nleaks:\n" + report.leaks().stream().map(Leak::toString)
                .collect(Collectors.joining("\n"));
    }
}
