package io.sockleak.cli.analyse;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FramesTest {

    private static final String FRAME = "com.example.http.Client.fetch(Client.java:42)";

    @Test
    void fitShortensPackagesFromTheLeftKeepingClassMethodAndLine() {
        assertEquals(FRAME, Frames.fit(FRAME, 80));
        assertEquals("c.example.http.Client.fetch(Client.java:42)", Frames.fit(FRAME, 43));
        assertEquals("c.e.h.Client.fetch(Client.java:42)", Frames.fit(FRAME, 34));
        assertEquals("Client.fetch(Client.java:42)", Frames.fit(FRAME, 31));
        assertEquals("Client.fetch:42", Frames.fit(FRAME, 20));
        assertEquals("...nt.fetch:42", Frames.fit(FRAME, 14));
        assertEquals("Thread.run", Frames.fit("java.lang.Thread.run(Native Method)", 12));
    }

    @Test
    void applicationFrameIsTheSitesFrameElseTheFirstNonJdkFrame() {
        List<String> stack = List.of("java.net.Socket.<init>(Socket.java:1)", "sun.nio.ch.Net.connect(Net.java:2)",
                FRAME, "com.example.Main.main(Main.java:3)");

        assertEquals("x.Y.z(Y.java:1)", Frames.applicationFrame("x.Y.z(Y.java:1)", stack));
        assertEquals(FRAME, Frames.applicationFrame(null, stack));
        assertEquals("java.lang.Thread.run(Thread.java:1)",
                Frames.applicationFrame(" ", List.of("java.lang.Thread.run(Thread.java:1)")));
        assertEquals(null, Frames.applicationFrame(null, List.of()));
    }

    @Test
    void fitDropsTheModulePrefixFirst() {
        String jdk = "java.base/java.net.Socket.connect(Socket.java:633)";

        assertEquals("java.net.Socket.connect(Socket.java:633)", Frames.fit(jdk, 45));
        assertEquals("j.n.Socket.connect(Socket.java:633)", Frames.fit(jdk, 35));
    }

    @Test
    void jdkFramesWithModulePrefixAreNotApplicationFrames() {
        List<String> stack = List.of("java.base/java.net.ServerSocket.bind(ServerSocket.java:1)", FRAME);

        assertEquals(FRAME, Frames.applicationFrame(null, stack));
    }

    @Test
    void shortStackIsTheFirstFramesAsTrimmedByTheAgent() {
        List<String> stack = List.of("java.base/java.net.Socket.connect(Socket.java:1)", FRAME, "a", "b", "c", "d");

        assertEquals(List.of("java.base/java.net.Socket.connect(Socket.java:1)", FRAME, "a", "b", "c"),
                Frames.shortStack(stack, 5));
        assertEquals(List.of(), Frames.shortStack(List.of(), 5));
    }
}
