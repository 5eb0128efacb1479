package io.sockleak.kernel;

import static io.sockleak.kernel.ProcResources.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketOwnersTest {

    private static final byte[] TABLE = bytes("tcp6-dualstack.txt");

    @TempDir
    Path fdDir;

    @Test
    void otherProcessesSocketsAreTrustedToStayTheirsForAMinuteOnly() throws IOException {
        SocketOwners owners = new SocketOwners(fdDir, KernelView.DEFAULT_MAX_UNRESOLVED_ROWS);
        long t0 = 1_000_000;
        assertEquals(5, snapshot(owners, t0).openFds(), "a listing: no row's owner was known");

        assertEquals(-1, snapshot(owners, t0 + 1_000).openFds(), "no listing: the rows are known to be others'");
        assertEquals(-1, snapshot(owners, t0 + SocketOwners.FOREIGN_TRUSTED_MILLIS).openFds());
        assertEquals(5, snapshot(owners, t0 + SocketOwners.FOREIGN_TRUSTED_MILLIS + 1_001).openFds(), "read again");
    }

    /** A snapshot of the captured table without counting descriptors: openFds is set only by a listing. */
    private SocketOwners.Owned snapshot(SocketOwners owners, long now) throws IOException {
        for (int fd = 20; fd < 25; fd++) {
            Files.deleteIfExists(fdDir.resolve(Integer.toString(fd)));
            Files.createSymbolicLink(fdDir.resolve(Integer.toString(fd)), Path.of("pipe:[" + fd + "]"));
        }
        SocketOwners.Pass pass = owners.start(TrackedSockets.NONE, now);
        List<TcpRow> rows = new ArrayList<>();
        ProcNetTcpParser.parseInto(TABLE, TABLE.length, true, pass.filter(), rows);
        return pass.finish(rows, true, false, now);
    }
}
