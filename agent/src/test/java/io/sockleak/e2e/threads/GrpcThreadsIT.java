package io.sockleak.e2e.threads;

import io.sockleak.e2e.threads.apps.GrpcClientApp;
import io.sockleak.model.SiteEntry;
import io.sockleak.testing.MarkedLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gRPC on grpc-netty-shaded: its shaded Netty epoll transport (io.grpc.netty.shaded.io.netty) connects
 * on its event loop with descriptors the JDK never sees. Issue 13: such a client once had an ESTABLISHED
 * connection while the report said trackedOpen 0.
 */
class GrpcThreadsIT {

    @TempDir
    Path work;

    @Test
    void theChannelsConnectionIsTrackedAtTheApplicationsCallAndReleasedWhenTheChannelShutsDown() throws Exception {
        ThreadsChild child = ThreadsChild.run(work, GrpcClientApp.class);
        String call = MarkedLine.frame(GrpcClientApp.class, "main", "CALL");

        // The client's connection and the server's accepted end, both epoll, both seen.
        assertEquals(2, child.open().summary().trackedOpen(), child.describe());
        assertEquals(0, child.open().summary().untrackedOpen(), child.describe());
        SiteEntry client = child.open().openBySite().stream().filter(s -> call.equals(s.frame())).findFirst()
                .orElseThrow(() -> new AssertionError("no open site at " + call + ": " + child.describe()));
        assertEquals(1, client.count());
        assertTrue(client.stack().get(0).startsWith("io.grpc.netty.shaded.io.netty.channel.unix.Socket.<init>("),
                "made by the shaded epoll transport: " + client.stack());
        assertTrue(client.stack().stream().anyMatch(f -> f.contains("NettyClientTransport.start(")), client.stack().toString());

        assertEquals(0, child.shutdown().summary().trackedOpen(), "released when gRPC closed them: " + child.describe());
        assertEquals(0, child.shutdown().summary().untrackedOpen(), child.describe());
        assertEquals(0, child.shutdown().leaks().size(), child.describe());
    }
}
