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
        assertEquals("...Client.fetch(Client.java:42)", Frames.fit(FRAME, 31));
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
    void shortStackStartsAtTheApplicationFrame() {
        List<String> stack = List.of("java.net.Socket.<init>(Socket.java:1)", FRAME, "a", "b", "c", "d", "e");

        assertEquals(List.of(FRAME, "a", "b", "c", "d"), Frames.shortStack(FRAME, stack, 5));
        assertEquals(List.of("java.net.Socket.<init>(Socket.java:1)", FRAME), Frames.shortStack("absent", stack, 2));
    }
}
