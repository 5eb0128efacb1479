package io.sockleak.track;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StackTrimmerTest {

    private static StackTraceElement frame(String cls, String method) {
        return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", 10);
    }

    private static final StackTraceElement[] RAW = {
            frame("io.sockleak.track.SocketTracker", "register"),
            frame("io.sockleak.track.SocketTracker", "opened"),
            frame("io.sockleak.bootstrap.SocketEvents", "opened"),
            frame("sun.nio.ch.NioSocketImpl", "accept"),
            frame("java.net.ServerSocket", "implAccept"),
            frame("java.net.ServerSocket", "accept"),
            frame("com.example.Server", "handle"),
            frame("com.example.Server", "run"),
            frame("java.lang.Thread", "run"),
    };

    @Test
    void startsAtTheJdkMethodTheApplicationCalledWithoutAgentFrames() {
        List<StackTraceElement> trimmed = new StackTrimmer(64).trim(RAW);
        assertEquals(List.of(RAW[5], RAW[6], RAW[7], RAW[8]), trimmed);
        assertEquals(RAW[6].toString(), new FrameRule(List.of()).frames(trimmed).frame());
    }

    @Test
    void depthLimitsTheFramesKept() {
        assertEquals(List.of(RAW[5], RAW[6]), new StackTrimmer(2).trim(RAW));
    }

    @Test
    void aStackWithOnlyJdkFramesKeepsThemAll() {
        StackTraceElement[] jdkOnly = {RAW[0], RAW[2], RAW[3], RAW[4], RAW[8]};
        List<StackTraceElement> trimmed = new StackTrimmer(64).trim(jdkOnly);
        assertEquals(List.of(RAW[3], RAW[4], RAW[8]), trimmed);
        assertEquals(null, new FrameRule(List.of()).frames(trimmed).frame(), "never a JDK frame");
    }

    @Test
    void siteIdsAreStableAcrossRunsAndDistinguishStacks() {
        assertEquals(SiteTable.hash(List.of("a", "b")), SiteTable.hash(List.of("a", "b")));
        assertEquals("1a1fa18f6a1c3e5e".length(), SiteTable.hash(List.of("a")).length());
        assertEquals(false, SiteTable.hash(List.of("ab")).equals(SiteTable.hash(List.of("a", "b"))));
    }
}
