package io.sockleak.ports;

import io.sockleak.kernel.Endpoint;
import io.sockleak.kernel.KernelSnapshot;
import io.sockleak.kernel.ProcCapture;
import io.sockleak.model.PortHolder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Matching on real captured /proc lines (src/test/resources/proc, see its README): in the dual-stack
 * capture the listener L is port 34559 (0x86FF) with fds 5 (L), 7 (s1), 11 (s2, CLOSE_WAIT), 12 (c4's
 * accepted side, CLOSE_WAIT) and c5's connection still in L's queue (inode 0); c3's end on 56188 is
 * in TIME_WAIT.
 */
class PortHoldersTest {

    private static final List<String> LISTEN_STACK = List.of(
            "java.base/java.net.ServerSocket.<init>(ServerSocket.java:274)", "app.Server.start(Server.java:10)");
    private static final List<String> ACCEPT_STACK = List.of(
            "java.base/java.net.ServerSocket.accept(ServerSocket.java:532)", "app.Server.serve(Server.java:20)");

    private static List<String> stackOf(int fd) {
        return fd == 5 ? LISTEN_STACK : fd == 7 || fd == 11 || fd == 12 ? ACCEPT_STACK : null;
    }

    @Test
    void listenerOfThisJvmComesFirstWithItsStackAndConnectionsAreGrouped() {
        List<PortHolder> holders = PortHolders.find(ProcCapture.dualStack(), Endpoint.parse("127.0.0.1:34559"),
                PortHoldersTest::stackOf, inode -> {
                    throw new AssertionError("every socket on the port is this process's or the kernel's");
                });

        assertEquals(List.of(
                new PortHolder("LISTEN", "this-jvm", null, 1, "127.0.0.1:34559", null, LISTEN_STACK,
                        "app.Server.start(Server.java:10)"),
                new PortHolder("CLOSE_WAIT", "this-jvm", null, 2, "127.0.0.1:34559", null, ACCEPT_STACK,
                        "app.Server.serve(Server.java:20)"),
                new PortHolder("ESTABLISHED", "this-jvm", null, 1, "127.0.0.1:34559", null, ACCEPT_STACK,
                        "app.Server.serve(Server.java:20)"),
                new PortHolder("ESTABLISHED", "none", null, 1, "127.0.0.1:34559", null, List.of())), holders);
        assertTrue(BindHint.of(34559, holders, true, null).startsWith("a listener opened by this JVM still holds"));
    }

    @Test
    void timeWaitIsKernelOwnedWithTheTimeLeftFromItsTimer() {
        // row 9: ...:DB7C ... 06 00000000:00000000 03:0000170D ... inode 0
        List<PortHolder> holders = PortHolders.find(ProcCapture.dualStack(), Endpoint.parse("127.0.0.1:56188"),
                PortHoldersTest::stackOf, inode -> null);

        assertEquals(List.of(new PortHolder("TIME_WAIT", "none", null, 1, "127.0.0.1:56188", 59.01, List.of())),
                holders);
        String off = BindHint.of(56188, holders, false, null);
        assertTrue(off.startsWith("set SO_REUSEADDR on the socket before bind: it was off here"), off);
        assertTrue(off.contains("Linux also requires it on the socket that left TIME_WAIT"), off);
        assertTrue(off.contains("wait 59 s"), off);
        String on = BindHint.of(56188, holders, true, null);
        assertTrue(on.startsWith("SO_REUSEADDR is already on for this bind, but Linux lets a bind over TIME_WAIT"
                + " through only if the socket that left TIME_WAIT had it too"), on);
        assertEquals("1 TIME_WAIT (59 s left)", BindLine.phrase(holders.get(0)));
    }

    @Test
    void orphanedFinWait2IsKernelOwnedToo() {
        // row 8: ...:DB76 ... 05 ... 03:00001703 ... inode 0 (c2, closed first, its peer s2 never closed)
        List<PortHolder> holders = PortHolders.find(ProcCapture.dualStack(), Endpoint.parse("127.0.0.1:56182"),
                PortHoldersTest::stackOf, inode -> null);

        assertEquals(List.of(new PortHolder("FIN_WAIT2", "none", null, 1, "127.0.0.1:56182", 58.91, List.of())),
                holders);
        assertTrue(BindHint.of(56182, holders, null, null).contains("set SO_REUSEADDR"));
    }

    @Test
    void connectionsOutlivingTheirListenerNeedClosingOrReuseAddressOnBothSides() {
        List<PortHolder> accepted = List.of(
                new PortHolder("CLOSE_WAIT", "this-jvm", null, 2, "127.0.0.1:34559", null, ACCEPT_STACK));
        String off = BindHint.of(34559, accepted, false, null);
        assertTrue(off.startsWith("close the connections still open on the port, or set SO_REUSEADDR on the socket"
                + " before bind: it was off here"), off);
        assertTrue(off.endsWith("Linux also requires it on those sockets (an accepted socket inherits it from its"
                + " listener)"), off);
        String on = BindHint.of(34559, accepted, true, null);
        assertTrue(on.startsWith("close the connections still open on the port; SO_REUSEADDR is already on"), on);
        assertEquals("2 CLOSE_WAIT in this JVM opened at app.Server.serve(Server.java:20)",
                BindLine.phrase(accepted.get(0)));
    }

    @Test
    void otherProcessSocketsGetTheirPidAndPidSearchesAreBounded() {
        AtomicInteger searches = new AtomicInteger();
        List<PortHolder> holders = PortHolders.find(ProcCapture.ipv4Stack(Map.of()), Endpoint.parse("127.0.0.1:33235"),
                PortHoldersTest::stackOf, inode -> {
                    searches.incrementAndGet();
                    return inode == 6241 ? 4242L : null;
                });

        assertEquals(new PortHolder("LISTEN", "other-process", 4242L, 1, "127.0.0.1:33235", null, List.of()),
                holders.get(0));
        assertTrue(holders.contains(new PortHolder("CLOSE_WAIT", "other-process", null, 2, "127.0.0.1:33235", null,
                List.of())), holders::toString);
        assertTrue(holders.contains(new PortHolder("ESTABLISHED", "none", null, 1, "127.0.0.1:33235", null,
                List.of())), holders::toString);
        assertEquals(4, searches.get(), "one search per inode, at most " + PortHolders.MAX_PID_LOOKUPS);
        assertEquals("process 4242 listens on the port: stop it or choose another port",
                BindHint.of(33235, holders, true, null));
        assertEquals("LISTEN in process 4242", BindLine.phrase(holders.get(0)));
    }

    @Test
    void aWildcardListenerHoldsTheSpecificAddressToo() {
        // row 0: 00000000:07E8 0A ... uid 0 inode 1594: a root daemon on *:2024
        List<PortHolder> holders = PortHolders.find(ProcCapture.ipv4Stack(Map.of()), Endpoint.parse("127.0.0.1:2024"),
                PortHoldersTest::stackOf, inode -> null);

        assertEquals(List.of(new PortHolder("LISTEN", "other-process", null, 1, "0.0.0.0:2024", null, List.of())),
                holders);
        assertEquals("another process listens on the port: stop it or choose another port (its pid is not visible"
                + " to this user; try: ss -ltnp 'sport = :2024')", BindHint.of(2024, holders, true, null));
        assertEquals("LISTEN in another process (pid not visible)", BindLine.phrase(holders.get(0)));
    }

    @Test
    void addressesThatDoNotConflictAreLeftOutUnlessNothingElseIsOnThePort() {
        KernelSnapshot dual = ProcCapture.dualStack();
        // L is on 127.0.0.1 only: a bind of 10.0.0.1:34559 would not conflict with it, but the bind failed,
        // so every row on the port is shown rather than nothing
        assertEquals(5, PortHolders.find(dual, Endpoint.parse("10.0.0.1:34559"), PortHoldersTest::stackOf,
                inode -> null).stream().mapToInt(PortHolder::count).sum());
        assertTrue(PortHolders.conflicts(Endpoint.parse("10.0.0.1:80"), Endpoint.parse("0.0.0.0:80")));
        assertTrue(PortHolders.conflicts(Endpoint.parse("[::]:80"), Endpoint.parse("127.0.0.1:80")));
        assertTrue(PortHolders.conflicts(Endpoint.parse("[::ffff:127.0.0.1]:80"), Endpoint.parse("127.0.0.1:80")));
        assertTrue(!PortHolders.conflicts(Endpoint.parse("10.0.0.1:80"), Endpoint.parse("127.0.0.1:80")));
    }

    @Test
    void nothingFoundSaysSoHonestly() {
        assertEquals(List.of(), PortHolders.find(ProcCapture.dualStack(), Endpoint.parse("127.0.0.1:1"),
                PortHoldersTest::stackOf, inode -> null));
        assertTrue(BindHint.of(1, List.of(), true, null).startsWith("nothing holds the port in /proc/net/tcp{,6}"));
        assertEquals(List.of(), PortHolders.find(KernelSnapshot.unavailable("no proc"), Endpoint.parse("127.0.0.1:1"),
                PortHoldersTest::stackOf, inode -> null));
        assertTrue(BindHint.of(1, List.of(), true, "no proc").contains("the kernel view is unavailable (no proc)"));
        assertTrue(BindHint.of(0, List.of(), false, null).startsWith("no free ephemeral port"));
    }

    @Test
    void secondsLeftOnlyForTimewaitTimers() {
        var rows = ProcCapture.dualStack().rows();
        long withTimer = rows.stream().filter(r -> PortHolders.secondsLeft(r) != null).count();
        assertEquals(3, withTimer, "c2 and c4 FIN_WAIT2, c3 TIME_WAIT");
        assertNull(PortHolders.secondsLeft(rows.get(0)));
    }
}
