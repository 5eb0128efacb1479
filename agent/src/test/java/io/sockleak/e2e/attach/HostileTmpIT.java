package io.sockleak.e2e.attach;

import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.sockleak.e2e.attach.AttachTools.assertFails;
import static io.sockleak.e2e.attach.AttachTools.assertNoStackTrace;
import static io.sockleak.e2e.attach.AttachTools.tellAndAwait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 14: root runs attach/dump/stop against a JVM of another user whose /tmp belongs to that user
 * (a rootless container, a private mount), and that user swaps every {@code sockleak-*} file that
 * appears there for a hard link or a symbolic link to a root-owned file, or for a FIFO. Whatever the
 * race gives, the root-owned canary keeps its owner, mode and content, and the CLI either does its job
 * or fails with one line, within a bounded time.
 *
 * <p>The set-up is real: the target JVM runs as uid 12345 (no passwd entry) in its own mount
 * namespace, where /tmp is a bind mount of a folder owned by 12345; the attacker (a {@link TmpRacer})
 * runs as 12345 too and watches that folder with inotify. The CLI runs as root from a jar under this
 * side's /tmp, which the target cannot see, so the jar is copied into the target's /tmp each time.
 */
class HostileTmpIT {

    private static final int UID = 12345;
    private static final Duration CLI_BOUND = Duration.ofSeconds(60);
    private static final String NEWER_JAVA = System.getProperty("sockleak.it.newerJava",
            "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    @TempDir
    Path work;

    private Path base;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        started.forEach(Process::destroyForcibly);
        for (Process p : started) {
            p.onExit().join();
        }
        if (base != null) {
            try (Stream<Path> all = Files.walk(base)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void rootNeverActsThroughWhatTheJvmsUserPutInItsTmp() throws Exception {
        Assumptions.assumeTrue(uidOf(ProcessHandle.current().pid()) == 0,
                "needs root: the attack is against root attaching to another user's JVM");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs /usr/bin/setpriv (util-linux)");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs /usr/bin/unshare (util-linux)");

        base = Files.createTempDirectory(Path.of("/var/tmp"), "sockleak-hostile-tmp-it-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path canary = base.resolve("canary");
        String secret = "canary " + HexFormat.of().formatHex(randomBytes()) + "\n";
        Files.writeString(canary, secret);
        Files.setPosixFilePermissions(canary, PosixFilePermissions.fromString("rw-------"));
        Map<String, Object> canaryBefore = state(canary);
        Path tmp = base.resolve("tmp");
        Files.createDirectory(tmp);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
        Files.setAttribute(tmp, "unix:uid", UID);
        Files.setAttribute(tmp, "unix:gid", UID);
        Path classes = base.resolve("classes");
        AttachTools.copyClasses(classes, "LeakyTarget", "TmpRacer");
        makePublic(classes);

        // The CLI's jar is where the target cannot see it (this side's /tmp is not the target's).
        Path cliJar = work.resolve("sockleak-agent.jar");
        AttachTools.copy(ChildJvm.agentJar(), cliJar);

        ChildJvm.Started target = ChildJvm.in(base).withoutAgent()
                .runUnder("/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                        "mount --bind \"$0\" /tmp && exec /usr/bin/setpriv --reuid=" + UID + " --regid=" + UID
                                + " --clear-groups \"$@\"", tmp.toString())
                .jvmArg("-XX:-UsePerfData")
                // The attack is on the files a command puts in the target's /tmp: the jar copy and the
                // reply of an agent load. Through the control MBean later commands put none there, so the
                // target refuses the JMX channel (as AttachWithoutJmxIT's does) and every command loads
                // the agent and answers through a reply file, the path under attack.
                .jvmArg("-Djdk.serialFilter=!*")
                .classPath(classes.toString()).main(LeakyTarget.class).timeout(Duration.ofSeconds(120)).start();
        started.add(target.process());
        tellAndAwait(target, null, "READY ");
        String pid = Long.toString(target.pid());
        Poll.until("the target runs as uid " + UID, Duration.ofSeconds(10), () -> uidOf(target.pid()) == UID);

        // Without an attacker: attach and dump work, and leave nothing of theirs in that /tmp.
        String java = ChildJvm.javaExecutable();
        ChildJvm.Result attach = cli(java, cliJar, "attach", pid, "dir=/tmp/reports");
        if (attach.exitCode() != 0 && attach.stderr().contains("has its own /tmp")
                && Files.isExecutable(Path.of(NEWER_JAVA))) {
            System.out.println("[HostileTmpIT] Java " + Runtime.version().feature() + " cannot attach to a JVM with"
                    + " its own /tmp; the CLI runs on " + NEWER_JAVA);
            java = NEWER_JAVA;
            attach = cli(java, cliJar, "attach", pid, "dir=/tmp/reports");
        }
        Assumptions.assumeFalse(attach.stderr().contains("has its own /tmp"),
                "no JDK here can attach to a JVM with its own /tmp: " + attach.stderr());
        assertNoStackTrace(attach).assertExitCode(0);
        assertTrue(attach.stdout().contains("reports go to /tmp/reports"), attach.stdout());
        ChildJvm.Result dump = assertNoStackTrace(cli(java, cliJar, "dump", pid)).assertExitCode(0);
        String report = AttachTools.lastLine(dump.stdout());
        assertTrue(report.startsWith("/tmp/reports/"), dump.stdout());
        Path reportHere = tmp.resolve(Path.of("/tmp").relativize(Path.of(report)));
        assertEquals(UID, (Integer) Files.getAttribute(reportHere, "unix:uid"), "the report is the JVM user's");
        assertEquals(List.of("reports"), sockleakLeftovers(tmp, true), "nothing of the CLI's left in the target's /tmp");
        assertEquals(canaryBefore, state(canary));

        // The attacker swaps every sockleak-* entry (jar copies, replies, the agent's own temp jars)
        // for a hard link or a symbolic link to the canary.
        ChildJvm.Started links = racer(classes, tmp, canary, "link", "sockleak-");
        for (String[] command : List.of(new String[] {"dump", pid}, new String[] {"attach", pid, "interval=1h"},
                new String[] {"dump", pid}, new String[] {"dump", pid})) {
            ChildJvm.Result result = cli(java, cliJar, command);
            assertDoneOrOneLine(result, command);
            assertEquals(canaryBefore, state(canary), "canary after " + String.join(" ", command) + " with links");
        }
        assertTrue(swaps(links) > 0, "the attacker swapped nothing:\n" + links.stdout() + links.stderr());
        System.out.println("[HostileTmpIT] link attacker: " + links.stdout().strip().replace("\n", "; "));
        stop(links);

        // Only the replies, for a FIFO nobody writes: the CLI must not hang on it.
        ChildJvm.Started fifos = racer(classes, tmp, canary, "fifo", TargetViewNames.REPLY_PREFIX);
        for (int i = 0; i < 3; i++) {
            long begin = System.nanoTime();
            ChildJvm.Result result = cli(java, cliJar, "dump", pid);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            assertDoneOrOneLine(result, "dump", pid);
            assertTrue(millis < 30_000, "dump with a FIFO attacker took " + millis + " ms");
        }
        System.out.println("[HostileTmpIT] fifo attacker: " + fifos.stdout().strip().replace("\n", "; "));
        stop(fifos);
        assertEquals(canaryBefore, state(canary));

        // The JVM is unharmed and the agent can still be stopped.
        ChildJvm.Result stop = cli(java, cliJar, "stop", pid);
        assertDoneOrOneLine(stop, "stop", pid);
        assertEquals("ECHO ok", tellAndAwait(target, "ECHO", "ECHO "));
        assertEquals(canaryBefore, state(canary));
    }

    /** Exit 0, or exit 1 with one line on stderr; never a stack trace. */
    private static void assertDoneOrOneLine(ChildJvm.Result result, String... command) {
        assertNoStackTrace(result);
        if (result.exitCode() != 0) {
            String line = assertFails(result, 1);
            System.out.println("[HostileTmpIT] " + String.join(" ", command) + " refused: " + line);
        }
    }

    private ChildJvm.Started racer(Path classes, Path dir, Path canary, String mode, String prefix) {
        ChildJvm.Started racer = ChildJvm.in(base).withoutAgent()
                .runUnder("/usr/bin/setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups")
                .jvmArg("-XX:-UsePerfData")
                .classPath(classes.toString())
                .main(TmpRacer.class, dir.toString(), canary.toString(), mode, prefix)
                .timeout(Duration.ofSeconds(60)).start();
        started.add(racer.process());
        Poll.until("the " + mode + " attacker watches " + dir, Duration.ofSeconds(30), () -> {
            if (!racer.process().isAlive()) {
                fail("attacker ended:\n" + racer.stdout() + racer.stderr());
            }
            return racer.stdout().contains("WATCHING");
        });
        return racer;
    }

    private static void stop(ChildJvm.Started racer) throws IOException {
        racer.process().getOutputStream().close();
        try {
            if (!racer.process().waitFor(10, TimeUnit.SECONDS)) {
                racer.process().destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long swaps(ChildJvm.Started racer) {
        return racer.stdout().lines().filter(l -> l.startsWith("SWAPPED ")).count();
    }

    /** The CLI as root, from {@code jar}, on {@code java}; it must end within {@link #CLI_BOUND}. */
    private ChildJvm.Result cli(String java, Path jar, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(Arrays.asList(args));
        Path out = Files.createTempFile(work, "cli", ".out");
        Path err = Files.createTempFile(work, "cli", ".err");
        Process cli = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        started.add(cli);
        if (!cli.waitFor(CLI_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
            // Where it hangs: a thread dump of the CLI (SIGQUIT) in its stdout.
            new ProcessBuilder("kill", "-QUIT", Long.toString(cli.pid())).start().waitFor(5, TimeUnit.SECONDS);
            try {
                Poll.until("thread dump", Duration.ofSeconds(5), () -> read(out).contains("Full thread dump"));
            } catch (AssertionError noDump) {
                // report what there is
            }
            cli.destroyForcibly();
            fail("'" + String.join(" ", args) + "' did not end within " + CLI_BOUND + ":\n" + Files.readString(out)
                    + Files.readString(err));
        }
        return new ChildJvm.Result(cli.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** Owner, group, mode, link count, inode and content. */
    private static Map<String, Object> state(Path file) throws IOException {
        Map<String, Object> attributes = Files.readAttributes(file, "unix:uid,gid,mode,ino,dev",
                LinkOption.NOFOLLOW_LINKS);
        return Map.of("uid", attributes.get("uid"), "gid", attributes.get("gid"),
                "mode", Integer.toOctalString((Integer) attributes.get("mode")), "ino", attributes.get("ino"),
                "dev", attributes.get("dev"), "content", Files.readString(file));
    }

    /** Names in the target's /tmp that start with sockleak- or are the reports folder. */
    private static List<String> sockleakLeftovers(Path tmp, boolean withReports) throws IOException {
        try (Stream<Path> all = Files.list(tmp)) {
            return all.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("sockleak-reply-") || n.startsWith("sockleak-agent-")
                            || (withReports && n.equals("reports")))
                    .sorted().toList();
        }
    }

    private static void makePublic(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    static int uidOf(long pid) {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc", Long.toString(pid)), "unix:uid");
        } catch (IOException e) {
            return -1;
        }
    }

    /** The reply prefix, as the CLI names reply files (the racer of the FIFO phase watches only those). */
    private static final class TargetViewNames {
        static final String REPLY_PREFIX = "sockleak-reply-";
    }
}
