package io.sockleak.cli.attach;

import io.sockleak.cli.UsageException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Matching rules over a listing as the Attach API gives it (the real listing: AttachByNameIT). */
class JvmByNameTest {

    private static final long SELF = 1;
    private static final List<HotSpotAttach.Listed> JVMS = List.of(
            new HotSpotAttach.Listed(SELF, "/opt/sockleak-agent.jar dump Server"),
            new HotSpotAttach.Listed(100, "com.example.Server --port 8080"),
            new HotSpotAttach.Listed(200, "org.other.ServerMonitor"),
            new HotSpotAttach.Listed(300, "/srv/app/billing-1.4.jar"),
            new HotSpotAttach.Listed(400, "org.gradle.launcher.daemon.bootstrap.GradleDaemon 8.10"));

    private static long resolve(String name) throws UsageException {
        return JvmByName.resolve(name, JVMS, SELF);
    }

    @Test
    void anExactMainClassOrSimpleNameWinsOverPartialMatches() throws UsageException {
        assertEquals(100, resolve("com.example.Server"));
        assertEquals(100, resolve("Server"), "ServerMonitor only contains it");
        assertEquals(200, resolve("ServerMonitor"));
    }

    @Test
    void aJarIsNamedByItsFileWithOrWithoutDotJar() throws UsageException {
        assertEquals(300, resolve("billing-1.4.jar"));
        assertEquals(300, resolve("billing-1.4"));
        assertEquals(300, resolve("/srv/app/billing-1.4.jar"));
    }

    @Test
    void aUniquePartOfTheNameIsEnough() throws UsageException {
        assertEquals(400, resolve("GradleDaemon"));
        assertEquals(400, resolve("gradle"));
        assertEquals(300, resolve("billing"));
    }

    @Test
    void aNameThatFitsSeveralJvmsIsRefusedWithTheirPids() {
        UsageException e = assertThrows(UsageException.class, () -> resolve("org."));
        assertEquals("'org.' matches 2 JVMs: 200 org.other.ServerMonitor,"
                + " 400 org.gradle.launcher.daemon.bootstrap.GradleDaemon; give the pid", e.getMessage());
    }

    @Test
    void theCliItselfIsNeverTheTarget() {
        UsageException e = assertThrows(UsageException.class, () -> resolve("sockleak-agent"));
        assertEquals("'sockleak-agent' is neither a pid nor the main class of a JVM you can attach to"
                + " ('list' shows them)", e.getMessage());
    }
}
