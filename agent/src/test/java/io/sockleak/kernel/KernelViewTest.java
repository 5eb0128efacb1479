package io.sockleak.kernel;

import static io.sockleak.kernel.ProcResources.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KernelView over fake proc roots. */
class KernelViewTest {

    @TempDir
    Path root;

    @Test
    void emptyRootIsUnavailableWithAReason() {
        KernelSnapshot snapshot = new KernelView(root, "Linux").snapshot();

        assertFalse(snapshot.available());
        assertTrue(snapshot.reason().contains(root.resolve("net/tcp") + " not readable: NoSuchFileException"), snapshot.reason());
        assertTrue(snapshot.reason().contains(root.resolve("self/fd") + " not readable: NoSuchFileException"), snapshot.reason());
        assertFalse(snapshot.reason().contains("\n"));
        assertEquals(List.of(), snapshot.rows());
        assertEquals(Map.of(), snapshot.socketInodeByFd());
    }

    @Test
    void missingRootIsUnavailable() {
        KernelSnapshot snapshot = new KernelView(root.resolve("nope"), "Linux").snapshot();
        assertFalse(snapshot.available());
        assertFalse(snapshot.reason().isEmpty());
    }

    @Test
    void notLinux() {
        KernelSnapshot snapshot = new KernelView(Path.of("/proc"), "Mac OS X").snapshot();
        assertFalse(snapshot.available());
        assertEquals("not Linux (Mac OS X)", snapshot.reason());
    }

    @Test
    void garbageTcp6NeverThrows() throws IOException {
        Files.createDirectories(root.resolve("net"));
        byte[] garbage = new byte[100_000];
        new Random(1).nextBytes(garbage);
        Files.write(root.resolve("net/tcp6"), garbage);

        KernelSnapshot withoutFds = new KernelView(root, "Linux").snapshot();
        assertFalse(withoutFds.available());
        assertTrue(withoutFds.reason().contains("self/fd"), withoutFds.reason());

        Files.createDirectories(root.resolve("self/fd"));
        KernelSnapshot withFds = new KernelView(root, "Linux").snapshot();
        assertTrue(withFds.available(), withFds.reason());
        assertEquals(List.of(), withFds.rows());
        assertEquals(0, withFds.openFds());
        assertEquals(KernelSnapshot.FD_LIMIT_UNKNOWN, withFds.fdLimit());
    }

    @Test
    void tablesThatAreDirectoriesAreUnreadable() throws IOException {
        Files.createDirectories(root.resolve("net/tcp"));
        Files.createDirectories(root.resolve("net/tcp6"));
        Files.createDirectories(root.resolve("self/fd"));

        KernelSnapshot snapshot = new KernelView(root, "Linux").snapshot();

        assertFalse(snapshot.available());
        assertTrue(snapshot.reason().contains(root.resolve("net/tcp6") + " not readable: "), snapshot.reason());
    }

    @Test
    void capturedDualStackProcessSeenThroughAFakeRoot() throws IOException {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "captures come from an x86-64 host");
        Files.createDirectories(root.resolve("net"));
        Files.write(root.resolve("net/tcp6"), bytes("tcp6-dualstack.txt"));
        Path fdDir = Files.createDirectories(root.resolve("self/fd"));
        for (String line : new String(bytes("fd-dualstack.txt"), StandardCharsets.US_ASCII).split("\n")) {
            String[] fdAndTarget = line.split(" ");
            Files.createSymbolicLink(fdDir.resolve(fdAndTarget[0]), Path.of(fdAndTarget[1]));
        }
        Files.createSymbolicLink(fdDir.resolve("1"), Path.of("pipe:[6736]"));
        Files.createSymbolicLink(fdDir.resolve("10"), Path.of("anon_inode:[eventpoll]"));
        Files.createSymbolicLink(fdDir.resolve("notanfd"), Path.of("socket:[1]"));
        Files.createSymbolicLink(fdDir.resolve("13"), fdDir.toRealPath());
        Files.write(root.resolve("self/limits"), bytes("limits.txt"));

        KernelSnapshot snapshot = new KernelView(root, "Linux").snapshot();

        assertTrue(snapshot.available());
        assertEquals(root.resolve("net/tcp") + " not readable: NoSuchFileException", snapshot.reason());
        assertEquals(List.of(TcpState.LISTEN, TcpState.LISTEN, TcpState.CLOSE_WAIT, TcpState.ESTABLISHED, TcpState.CLOSE_WAIT),
                snapshot.rows().stream().map(TcpRow::state).toList(),
                "of 11 rows: the listeners, the CLOSE_WAITs and a connection in a queue; not the TIME_WAIT, the"
                        + " orphaned FIN_WAIT2s, nor ESTABLISHED rows of sockets nothing tracks");
        assertEquals(Map.of(4, 5245L, 5, 5246L, 6, 5247L, 7, 5248L, 8, 5249L, 9, 5256L, 11, 5252L, 12, 5257L),
                snapshot.socketInodeByFd());
        assertEquals(10, snapshot.openFds(), "not counting the descriptor that lists the directory");
        assertEquals(20_000, snapshot.fdLimit());

        Map<Long, TcpRow> byInode = snapshot.rowsByInode();
        assertEquals(4, byInode.size(), "inode-0 rows are not indexed");
        Map<Long, Integer> fdByInode = snapshot.fdByInode();
        Map<Integer, String> closeWaitHeldByFd = snapshot.rows().stream()
                .filter(r -> r.state() == TcpState.CLOSE_WAIT && fdByInode.containsKey(r.inode()))
                .collect(Collectors.toMap(r -> fdByInode.get(r.inode()), r -> r.remote().toString()));
        assertEquals(Map.of(11, "127.0.0.1:56182", 12, "127.0.0.1:56190"), closeWaitHeldByFd);
        assertEquals(null, byInode.get(5249L), "fd 8 is an AF_UNIX socket: no TCP row");

        List<TcpRow> onListenerPort = snapshot.rowsOnPort(34559);
        assertEquals(4, onListenerPort.size());
        assertEquals(List.of(TcpState.LISTEN, TcpState.CLOSE_WAIT, TcpState.ESTABLISHED, TcpState.CLOSE_WAIT),
                onListenerPort.stream().map(TcpRow::state).collect(Collectors.toList()));
        assertEquals(List.of(), snapshot.rowsOnPort(1));
    }

    @Test
    void keepsOnlyThisProcesssRowsAndTheUnownedOnesItsListenersMayQueue() throws IOException {
        Files.createDirectories(root.resolve("net"));
        Path fdDir = Files.createDirectories(root.resolve("self/fd"));
        byte[] tcp = bytes("tcp-ipv4stack.txt");
        byte[] tcp6 = bytes("tcp6-ipv6only.txt");
        Files.write(root.resolve("net/tcp"), tcp);
        Files.write(root.resolve("net/tcp6"), tcp6);
        List<TcpRow> all = new java.util.ArrayList<>(ProcNetTcpParser.parse(tcp, false));
        all.addAll(ProcNetTcpParser.parse(tcp6, true));
        List<Long> inodes = all.stream().map(TcpRow::inode).filter(i -> i != 0).distinct().toList();
        long ownInode = inodes.get(0);
        Files.createSymbolicLink(fdDir.resolve("3"), Path.of("socket:[" + ownInode + "]"));

        KernelSnapshot snapshot = new KernelView(root, "Linux").snapshot();

        assertEquals("", snapshot.reason().replaceAll(".*self/limits.*", ""));
        Set<Integer> ownListenPorts = all.stream().filter(r -> r.inode() == ownInode && r.state() == TcpState.LISTEN)
                .map(r -> r.local().port()).collect(Collectors.toSet());
        List<TcpRow> expected = all.stream()
                .filter(r -> r.inode() == ownInode || (r.inode() == 0 && r.state().canWaitInAcceptQueue()
                        && ownListenPorts.contains(r.local().port())))
                .toList();
        assertTrue(all.stream().anyMatch(r -> r.inode() == 0 && r.state().canWaitInAcceptQueue()
                && !ownListenPorts.contains(r.local().port())), "another process's listener has a queue");
        assertTrue(all.size() > expected.size() + 10, all.size() + " rows, " + expected.size() + " kept");
        assertEquals(expected, snapshot.rows());
    }

    @Test
    void trackedInodesAreTakenWithoutReadingTheirLinks() throws IOException {
        Path fdDir = dualStackTableAndFdDir();
        Files.createSymbolicLink(fdDir.resolve("4"), Path.of("socket:[5245]"));
        Files.createSymbolicLink(fdDir.resolve("9"), Path.of("pipe:[77]"));

        KernelSnapshot snapshot = new KernelView(root, "Linux").snapshot(each -> each.socket(9, 5256), true);

        assertEquals(Map.of(4, 5245L, 9, 5256L), snapshot.socketInodeByFd(), "fd 9's link was not read");
        assertEquals(List.of(5245L, 5256L), snapshot.rows().stream().map(TcpRow::inode).filter(i -> i != 0).toList(),
                "the LISTEN and CLOSE_WAIT rows of sockets no descriptor here holds are dropped");
        assertEquals(2, snapshot.openFds());
    }

    @Test
    void otherProcessesSocketsAreRememberedAndSkippedWithoutListingTheDescriptorsAgain() throws IOException {
        Path fdDir = dualStackTableAndFdDir();
        Files.createSymbolicLink(fdDir.resolve("9"), Path.of("socket:[5256]"));
        KernelView view = new KernelView(root, "Linux");
        TrackedSockets tracked = each -> each.socket(9, 5256);
        assertEquals(Map.of(9, 5256L), view.snapshot(tracked, true).socketInodeByFd());

        // A descriptor appears whose socket was another process's at the last look (one passed over a
        // UNIX socket could do that): it is not looked for again.
        Files.createSymbolicLink(fdDir.resolve("20"), Path.of("socket:[5246]"));
        KernelSnapshot second = view.snapshot(tracked, true);

        assertEquals(Map.of(9, 5256L), second.socketInodeByFd(), "no listing: every LISTEN and CLOSE_WAIT row's owner is known");
        assertEquals(List.of(5256L), second.rows().stream().map(TcpRow::inode).filter(i -> i != 0).toList());
        assertEquals(2, second.openFds(), "counted by a listing, this being no proc file system");
    }

    @Test
    void aRememberedInodeWithoutARowIsNotTrustedAndTheDescriptorIsReadAgain() throws IOException {
        Path fdDir = dualStackTableAndFdDir();
        // fd 9's socket was closed without the agent seeing it, and the number reused by a socket now in CLOSE_WAIT
        Files.createSymbolicLink(fdDir.resolve("9"), Path.of("socket:[5257]"));

        KernelSnapshot snapshot = new KernelView(root, "Linux").snapshot(each -> each.socket(9, 99_999), false);

        assertEquals(Map.of(9, 5257L), snapshot.socketInodeByFd());
        assertTrue(snapshot.rows().stream().anyMatch(r -> r.inode() == 5257 && r.state() == TcpState.CLOSE_WAIT));
    }

    @Test
    void anUntrackedListenerFoundByAListingIsCheckedByItsOwnLinkNextTime() throws IOException {
        Path fdDir = dualStackTableAndFdDir();
        Files.createSymbolicLink(fdDir.resolve("4"), Path.of("socket:[5245]"));
        KernelView view = new KernelView(root, "Linux");
        KernelSnapshot first = view.snapshot(TrackedSockets.NONE, false);
        assertEquals(Map.of(4, 5245L), first.socketInodeByFd());
        assertEquals(1, first.openFds(), "the listing counted");

        KernelSnapshot second = view.snapshot(TrackedSockets.NONE, false);

        assertEquals(Map.of(4, 5245L), second.socketInodeByFd());
        assertEquals(-1, second.openFds(), "no listing: every LISTEN and CLOSE_WAIT row's owner was known");
        Files.delete(fdDir.resolve("4"));
        assertEquals(Map.of(), view.snapshot(TrackedSockets.NONE, false).socketInodeByFd(), "its link is read each time");
    }

    /** The captured dual-stack tcp6 table, and an empty self/fd. */
    private Path dualStackTableAndFdDir() throws IOException {
        Files.createDirectories(root.resolve("net"));
        Files.write(root.resolve("net/tcp6"), bytes("tcp6-dualstack.txt"));
        return Files.createDirectories(root.resolve("self/fd"));
    }

    @Test
    void readsTablesOfAnySizeThroughOneSmallBufferAcrossSnapshots() throws IOException {
        Files.createDirectories(root.resolve("net"));
        Path fdDir = Files.createDirectories(root.resolve("self/fd"));
        byte[] tcp6 = bytes("tcp6-ipv6only.txt");
        Files.write(root.resolve("net/tcp6"), tcp6);
        List<TcpRow> once = ProcNetTcpParser.parse(tcp6, true);
        int link = 3;
        for (long inode : once.stream().map(TcpRow::inode).filter(i -> i != 0).distinct().toList()) {
            Files.createSymbolicLink(fdDir.resolve(Integer.toString(link++)), Path.of("socket:[" + inode + "]"));
        }
        KernelView view = new KernelView(root, "Linux");
        long keptOnce = view.snapshot().rows().size();
        assertTrue(keptOnce > 0);

        int headerEnd = new String(tcp6, StandardCharsets.US_ASCII).indexOf('\n') + 1;
        int copies = 2000;
        try (var out = Files.newOutputStream(root.resolve("net/tcp6"))) {
            out.write(tcp6, 0, headerEnd);
            for (int i = 0; i < copies; i++) {
                out.write(tcp6, headerEnd, tcp6.length - headerEnd);
            }
        }
        assertTrue(Files.size(root.resolve("net/tcp6")) > 10 * ProcFileReader.CHUNK);
        assertEquals(keptOnce * copies, view.snapshot().rows().size(), "no line lost or doubled at a chunk's edge");
        Files.write(root.resolve("net/tcp6"), tcp6);
        assertEquals(keptOnce, view.snapshot().rows().size(), "no stale bytes from the bigger read");
    }

    @Test
    void limits() {
        byte[] real = bytes("limits.txt");
        assertEquals(20_000, ProcLimitsParser.maxOpenFiles(real, real.length));
        byte[] unlimited = new String(real, StandardCharsets.US_ASCII)
                .replace("Max open files            20000", "Max open files            unlimited")
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(KernelSnapshot.FD_LIMIT_UNLIMITED, ProcLimitsParser.maxOpenFiles(unlimited, unlimited.length));
        int cut = new String(real, StandardCharsets.US_ASCII).indexOf("20000") + 3;
        assertEquals(KernelSnapshot.FD_LIMIT_UNKNOWN, ProcLimitsParser.maxOpenFiles(real, cut));
        assertEquals(KernelSnapshot.FD_LIMIT_UNKNOWN, ProcLimitsParser.maxOpenFiles(new byte[0], 0));
    }

    /**
     * Other processes' CLOSE_WAIT rows beyond the budget of unresolved rows (issue 14): the snapshot
     * lists this process's descriptors and reads again, keeping its own rows only (its listener and the
     * connections waiting on its port, none of the 100 on another port), counts the rest, and the next
     * snapshot starts from the listing.
     */
    @Test
    void otherProcessesRowsBeyondTheBudgetAreCountedNotKept() throws IOException {
        Files.createDirectories(root.resolve("net"));
        Path fdDir = Files.createDirectories(root.resolve("self/fd"));
        StringBuilder table = new StringBuilder("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when"
                + " retrnsmt   uid  timeout inode\n");
        int sl = 0;
        table.append(row(sl++, 0x1F90, 0, 0x0A, 777));                  // this process's LISTEN on 8080
        for (int i = 0; i < 5000; i++) {
            table.append(row(sl++, 0x4E20, 1024 + i, 0x08, 900_000 + i)); // a neighbour's CLOSE_WAIT on 20000
        }
        for (int i = 0; i < 2; i++) {
            table.append(row(sl++, 0x1F90, 3000 + i, 0x03, 0));          // waiting for this process's accept
        }
        for (int i = 0; i < 100; i++) {
            table.append(row(sl++, 0x4E21, 4000 + i, 0x03, 0));          // a SYN flood on another port
        }
        Files.writeString(root.resolve("net/tcp"), table);
        Files.writeString(root.resolve("net/tcp6"), table.substring(0, table.indexOf("\n") + 1));
        Files.createSymbolicLink(fdDir.resolve("3"), Path.of("socket:[777]"));

        KernelView view = new KernelView(root, "Linux", 100);
        for (int look = 0; look < 2; look++) {
            KernelSnapshot snapshot = view.snapshot();
            assertEquals(List.of(TcpState.LISTEN, TcpState.SYN_RECV, TcpState.SYN_RECV),
                    snapshot.rows().stream().map(TcpRow::state).toList(), "look " + look);
            assertEquals(Map.of(3, 777L), snapshot.socketInodeByFd());
            assertEquals(5100, view.rowsNotKept(), "look " + look);
        }
    }

    private static String row(int sl, int localPort, int remotePort, int state, long inode) {
        return String.format(java.util.Locale.ROOT, "%4d: 0100007F:%04X 0200007F:%04X %02X 00000000:00000000"
                + " 00:00000000 00000000  1000        0 %d 1 0000000000000000 100 0 0 10 0%n",
                sl, localPort, remotePort, state, inode);
    }
}
