package io.sockleak.cli.analyse;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FramesTest {

    private static final String FRAME = "com.example.http.Client.fetch(Client.java:42)";
    private static final String PG = "org.postgresql.core.PGStream.<init>(PGStream.java:95)";

    @Test
    void theReportsFramesAreKept() {
        Frames.Named named = Frames.of(FRAME, PG, List.of("java.base/java.net.Socket.connect(Socket.java:1)"));

        assertEquals(FRAME, named.frame());
        assertEquals(PG, named.libraryFrame());
    }

    @Test
    void withoutAFrameTheOneRuleReadsTheStack() {
        // Schema 1: no frame field. JDK, agent and library frames are skipped; the library frame that called
        // the JDK is named beside the application's.
        List<String> stack = List.of("java.base/java.net.Socket.connect(Socket.java:633)",
                "io.sockleak.bootstrap.SocketEvents.opened(SocketEvents.java:1)", PG,
                "com.zaxxer.hikari.pool.HikariPool.createPoolEntry(HikariPool.java:476)", FRAME,
                "com.example.Main.main(Main.java:3)");

        Frames.Named named = Frames.of(null, null, stack);

        assertEquals(FRAME, named.frame());
        assertEquals(PG, named.libraryFrame());
    }

    @Test
    void aJdkOrAgentFrameIsNeverTheApplicationFrame() {
        List<String> stack = List.of("java.base/java.net.ServerSocket.accept(ServerSocket.java:1)", FRAME);

        assertEquals(FRAME, Frames.of("java.base/java.net.ServerSocket.accept(ServerSocket.java:1)", null, stack)
                .frame());
        assertEquals(FRAME, Frames.of("io.sockleak.track.Registry.add(Registry.java:9)", null, stack).frame());
        assertEquals(FRAME, Frames.of(" ", null, stack).frame());
        assertNull(Frames.of(null, null, List.of("java.lang.Thread.run(Thread.java:1)")).frame());
        assertNull(Frames.of(null, null, List.of("java.lang.Thread.run(Thread.java:1)")).libraryFrame());
        assertFalse(Frames.usable("sun.nio.ch.Net.connect(Net.java:2)"));
        assertTrue(Frames.usable(FRAME));
    }

    @Test
    void aStackOfLibraryCodeOnlyHasNoApplicationFrameButItsLibraryFrame() {
        Frames.Named named = Frames.of(null, null, List.of("java.base/java.net.Socket.connect(Socket.java:1)", PG,
                "java.lang.Thread.run(Thread.java:840)"));

        assertNull(named.frame());
        assertEquals(PG, named.libraryFrame());
    }

    @Test
    void anApplicationThatCallsTheJdkItselfHasNoLibraryFrame() {
        Frames.Named named = Frames.of(null, null, List.of("java.base/java.net.Socket.connect(Socket.java:1)",
                FRAME, PG));

        assertEquals(FRAME, named.frame());
        assertNull(named.libraryFrame());
    }

    @Test
    void shortStackIsTheFirstFramesAsTrimmedByTheAgent() {
        List<String> stack = List.of("java.base/java.net.Socket.connect(Socket.java:1)", FRAME, "a", "b", "c", "d");

        assertEquals(List.of("java.base/java.net.Socket.connect(Socket.java:1)", FRAME, "a", "b", "c"),
                Frames.shortStack(stack, 5));
        assertEquals(List.of(), Frames.shortStack(List.of(), 5));
    }

    @Test
    void wrapTokensNeverCutsAFrame() {
        String longFrame = "org.example.service.orders.internal.http.OrderServiceHttpClient.postOrder"
                + "(OrderServiceHttpClient.java:317)";

        assertEquals(List.of("       1  " + FRAME + " via x"),
                Text.wrapTokens("       1  ", "            ", List.of(FRAME, "via x"), 80));
        assertEquals(List.of("       1  " + FRAME, "            via " + PG),
                Text.wrapTokens("       1  ", "            ", List.of(FRAME, "via " + PG), 80));
        assertEquals(List.of("       1", "    " + longFrame),
                Text.wrapTokens("       1  ", "    ", List.of(longFrame), 80), "fits no line: whole, not cut");
        assertEquals(List.of("       1  " + longFrame),
                Text.wrapTokens("       1  ", "            ", List.of(longFrame), 80), "no shorter line to go to");
        assertEquals(List.of("       1  a1b2c3d4", "    " + FRAME),
                Text.wrapTokens("       1  a1b2c3d4  ", "    ", List.of(FRAME), 60), "fits the next line");
    }
}
