package io.sockleak.e2e.attach;

import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.sockleak.e2e.attach.AttachTools.assertFails;
import static io.sockleak.e2e.attach.AttachTools.assertNoStackTrace;
import static io.sockleak.e2e.attach.AttachTools.cli;
import static io.sockleak.e2e.attach.AttachTools.tellAndAwait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way attach, dump and stop can be refused: one clear line on stderr, exit 2 for bad input and
 * 1 for "could not attach", never a stack trace, and the target unharmed.
 */
class AttachErrorsIT {

    private static final int NOBODY = 65534;

    @TempDir
    Path work;

    private final List<Process> started = new ArrayList<>();
    private final List<Path> publicDirs = new ArrayList<>();

    @AfterEach
    void endProcesses() throws IOException {
        started.forEach(Process::destroyForcibly);
        for (Process p : started) {
            p.onExit().join();
        }
        for (Path dir : publicDirs) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private ChildJvm.Started target(ChildJvm jvm) {
        ChildJvm.Started target = jvm.main(LeakyTarget.class).timeout(Duration.ofSeconds(60)).start();
        started.add(target.process());
        tellAndAwait(target, null, "READY ");
        return target;
    }

    private ChildJvm.Started target(String... jvmArgs) {
        ChildJvm jvm = ChildJvm.in(work).withoutAgent();
        Stream.of(jvmArgs).forEach(jvm::jvmArg);
        return target(jvm);
    }

    @Test
    void badPidsAreBadInput() {
        assertFails(cli(work, "attach"), 2, "needs the pid");
        assertFails(cli(work, "attach", "abc"), 2, "'abc' is neither a pid nor the main class of a JVM");
        assertFails(cli(work, "dump", "12x"), 2, "'12x' is neither a pid nor the main class of a JVM");
        assertFails(cli(work, "stop", "-5"), 2, "is not a pid");
        assertFails(cli(work, "dump", "1", "2"), 2, "unexpected argument '2'");
    }

    @Test
    void noSuchProcess() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertFails(cli(work, "attach", Long.toString(gone.pid())), 1, "no process with pid " + gone.pid());
        assertFails(cli(work, "dump", Long.toString(gone.pid())), 1, "no process with pid " + gone.pid());
    }

    @Test
    void aProcessThatIsNotAJvmIsLeftAlone() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        started.add(sleep);
        assertFails(cli(work, "attach", Long.toString(sleep.pid())), 1, "(sleep) is not a Java VM");
        Thread.sleep(200);
        assertTrue(sleep.isAlive(), "no signal was sent to it");
    }

    @Test
    void attachMechanismDisabled() {
        ChildJvm.Started target = target("-XX:+DisableAttachMechanism");
        assertFails(cli(work, "attach", Long.toString(target.pid())), 1, "-XX:+DisableAttachMechanism");
        assertEquals("ECHO ok", tellAndAwait(target, "ECHO", "ECHO "));
    }

    @Test
    void dynamicAgentLoadingDisabledOnTheCommandLine() {
        ChildJvm.Started target = target("-XX:-EnableDynamicAgentLoading");
        assertFails(cli(work, "attach", Long.toString(target.pid())), 1, "-XX:-EnableDynamicAgentLoading",
                "-XX:+EnableDynamicAgentLoading");
        assertEquals("ECHO ok", tellAndAwait(target, "ECHO", "ECHO "));
    }

    /**
     * A flags file (-XX:Flags=) shows neither in /proc nor in sun.jvm.args: the CLI tries, and the
     * JVM's own refusal is translated the same way.
     */
    @Test
    void dynamicAgentLoadingDisabledInAFlagsFile() throws IOException {
        Path flags = Files.writeString(work.resolve("jvm.flags"), "-EnableDynamicAgentLoading\n");
        ChildJvm.Started target = target("-XX:Flags=" + flags);
        assertFails(cli(work, "attach", Long.toString(target.pid())), 1, "-XX:-EnableDynamicAgentLoading");
        assertFalse(target.stderr().contains("sockleak"), target.stderr());
    }

    @Test
    void dynamicAgentLoadingEnabledHasNoWarning() {
        ChildJvm.Started target = target("-XX:+EnableDynamicAgentLoading");
        ChildJvm.Result attach = assertNoStackTrace(cli(work, "attach", Long.toString(target.pid()),
                "dir=" + work.resolve("r"))).assertExitCode(0);
        assertFalse(attach.stderr().contains("EnableDynamicAgentLoading"), attach.stderr());
        assertNoStackTrace(cli(work, "stop", Long.toString(target.pid()))).assertExitCode(0);
        assertFalse(target.stderr().contains("WARNING"), target.stderr());
    }

    @Test
    void aRuntimeWithoutTheAttachModule() {
        ChildJvm.Started target = target();
        // --limit-modules makes jdk.attach unobservable, as in a jlinked runtime without it.
        ChildJvm.Result attach = AttachTools.cliJvm(work, "attach", Long.toString(target.pid()))
                .jvmArg("--limit-modules").jvmArg("java.se").run();
        assertFails(attach, 1, "has no jdk.attach module", "full JDK");
        ChildJvm.Result list = AttachTools.cliJvm(work, "list").jvmArg("--limit-modules").jvmArg("java.se").run();
        assertNoStackTrace(list).assertExitCode(0);
        assertTrue(list.stdout().contains(target.pid() + " " + LeakyTarget.class.getName()), list.stdout());
        assertTrue(list.stderr().contains("no jdk.attach module"), list.stderr());
    }

    @Test
    void dumpAndStopWithoutAnAgent() {
        ChildJvm.Started target = target();
        assertFails(cli(work, "dump", Long.toString(target.pid())), 1, "no sockleak agent is running");
        assertFails(cli(work, "stop", Long.toString(target.pid())), 1, "no sockleak agent is running");
        assertFalse(target.stderr().contains("WARNING"), "nothing was loaded: " + target.stderr());
    }

    @Test
    void badOptionsAreRefusedBeforeAttaching() {
        ChildJvm.Started target = target();
        String pid = Long.toString(target.pid());
        assertFails(cli(work, "attach", pid, "intervall=5s"), 2, "unknown option 'intervall'");
        assertFails(cli(work, "attach", pid, "interval=5x"), 2, "interval=5x");
        assertFails(cli(work, "attach", pid, "sockleak.command=stop"), 2, "'sockleak.'");
        assertFalse(target.stderr().contains("sockleak"), "nothing reached the target: " + target.stderr());
    }

    @Test
    void anotherUsersJvm() throws Exception {
        assumeRootWithSetpriv();
        ChildJvm.Started rootTarget = target();
        Path pub = publicDir();
        Path jar = pub.resolve("sockleak-agent.jar");
        AttachTools.copy(ChildJvm.agentJar(), jar);
        ChildJvm.Result asNobody = ChildJvm.in(pub).withoutAgent().runUnder(setprivNobody())
                .jar(jar, "attach", Long.toString(rootTarget.pid())).run();
        assertFails(asNobody, 1, "belongs to user root", "not to you (nobody)", "run this command as root");
    }

    /** Root may attach to any user's JVM; that JVM writes the answer, so the answer file is made its. */
    @Test
    void rootAttachesToAnotherUsersJvm() throws Exception {
        assumeRootWithSetpriv();
        Path pub = publicDir();
        Path classes = pub.resolve("classes");
        AttachTools.copyClasses(classes, "LeakyTarget");
        makePublic(pub);
        Path reports = pub.resolve("reports");
        Files.createDirectories(reports);
        UserPrincipal nobody = pub.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(reports, nobody);
        ChildJvm.Started target = target(ChildJvm.in(pub).withoutAgent().runUnder(setprivNobody())
                .classPath(classes.toString()));
        String pid = Long.toString(target.pid());
        Poll.until("the target runs as nobody", Duration.ofSeconds(10), () -> uidOf(target.pid()) == NOBODY);

        ChildJvm.Result attach = assertNoStackTrace(cli(work, "attach", pid, "dir=" + reports)).assertExitCode(0);
        assertTrue(attach.stdout().contains("reports go to " + reports), attach.stdout());
        ChildJvm.Result dump = assertNoStackTrace(cli(work, "dump", pid)).assertExitCode(0);
        Path report = Path.of(AttachTools.lastLine(dump.stdout()));
        assertEquals("nobody", Files.getOwner(report).getName());
        assertNoStackTrace(cli(work, "stop", pid)).assertExitCode(0);
        assertEquals("ECHO ok", tellAndAwait(target, "ECHO", "ECHO "));
    }

    /**
     * A JVM with its own /tmp (systemd PrivateTmp=): the attach handshake and the answer file live in
     * its /tmp, reached through /proc/PID/root; the jar is copied there when the JVM cannot see it.
     * JDK 17's attach API does not look there: then the CLI says so.
     */
    @Test
    void aJvmWithItsOwnTmp() throws Exception {
        assumeRootWithSetpriv();
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs /usr/bin/unshare");
        Path outside = Files.createTempDirectory(Path.of("/var/tmp"), "sockleak-attach-it-");
        publicDirs.add(outside);
        Path classes = outside.resolve("classes");
        AttachTools.copyClasses(classes, "LeakyTarget");
        Path reports = outside.resolve("reports");
        ChildJvm.Started target = target(ChildJvm.in(work).withoutAgent()
                .runUnder("/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                        "mount -t tmpfs tmpfs /tmp && exec \"$@\"", "sh")
                .classPath(classes.toString()));
        String pid = Long.toString(target.pid());
        Assumptions.assumeTrue(Files.exists(Path.of("/proc", pid, "root", "tmp")));
        ChildJvm.Result attach = assertNoStackTrace(cli(work, "attach", pid, "dir=" + reports));
        if (attach.exitCode() != 0) {
            assertFails(attach, 1, "has its own /tmp", "newer JDK");
            return;
        }
        assertTrue(attach.stdout().contains("reports go to " + reports), attach.stdout());
        ChildJvm.Result dump = assertNoStackTrace(cli(work, "dump", pid)).assertExitCode(0);
        assertTrue(Path.of(AttachTools.lastLine(dump.stdout())).startsWith(reports), dump.stdout());
        assertNoStackTrace(cli(work, "stop", pid)).assertExitCode(0);
        assertEquals("ECHO ok", tellAndAwait(target, "ECHO", "ECHO "));
        System.out.println("[AttachErrorsIT] Java " + Runtime.version().feature() + " attached to a JVM with its own /tmp");
    }


    private static void assumeRootWithSetpriv() {
        Assumptions.assumeTrue(uidOf(ProcessHandle.current().pid()) == 0,
                "needs root: another user's JVM can only be set up (and attached to) by root");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs /usr/bin/setpriv");
    }

    private static String[] setprivNobody() {
        return new String[] {"/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"};
    }

    /** A folder nobody can read (the test's own @TempDir is private). */
    private Path publicDir() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "sockleak-attach-it-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        publicDirs.add(dir);
        return dir;
    }

    private static void makePublic(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static int uidOf(long pid) {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc", Long.toString(pid)), "unix:uid");
        } catch (IOException e) {
            return -1;
        }
    }
}
