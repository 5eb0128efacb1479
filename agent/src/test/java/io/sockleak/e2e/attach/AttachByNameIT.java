package io.sockleak.e2e.attach;

import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static io.sockleak.e2e.attach.AttachTools.assertFails;
import static io.sockleak.e2e.attach.AttachTools.assertNoStackTrace;
import static io.sockleak.e2e.attach.AttachTools.cli;
import static io.sockleak.e2e.attach.AttachTools.tellAndAwait;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * attach, dump and stop by main-class name, like jcmd, against real JVMs found through the Attach API.
 * The targets run as {@code -jar leaky-UNIQUE-x.jar}, so other tests' JVMs on the machine never match.
 */
class AttachByNameIT {

    @TempDir
    Path work;

    private final List<Process> started = new ArrayList<>();
    private final String unique = "leaky-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void endProcesses() {
        started.forEach(Process::destroyForcibly);
        started.forEach(p -> p.onExit().join());
    }

    @Test
    void aUniqueNameReachesThatJvm() throws IOException {
        ChildJvm.Started target = target("a");
        String name = unique + "-a";
        Path reports = work.resolve("reports");

        ChildJvm.Result attach = assertNoStackTrace(cli(work, "attach", name, "dir=" + reports)).assertExitCode(0);
        assertTrue(attach.stdout().contains("pid " + target.pid()), attach.stdout());

        ChildJvm.Result dump = assertNoStackTrace(cli(work, "dump", name + ".jar")).assertExitCode(0);
        Path report = Path.of(AttachTools.lastLine(dump.stdout()));
        assertTrue(report.startsWith(reports) && Files.isRegularFile(report), dump.stdout());
        assertTrue(report.getFileName().toString().startsWith("sockleak-" + target.pid() + "-"), report.toString());

        assertNoStackTrace(cli(work, "stop", name)).assertExitCode(0);
        assertTrue(target.process().isAlive(), "the JVM runs on after stop");
    }

    @Test
    void aNameThatFitsTwoJvmsIsRefusedWithBothPids() throws IOException {
        ChildJvm.Started a = target("a");
        ChildJvm.Started b = target("b");

        String line = assertFails(cli(work, "dump", unique), 2, "'" + unique + "' matches 2 JVMs",
                "give the pid");
        assertTrue(line.contains(a.pid() + " ") && line.contains(b.pid() + " "), line);
        assertTrue(Stream.of(a, b).allMatch(t -> !t.stderr().contains("sockleak:")), "nothing was loaded");
    }

    @Test
    void aNameThatFitsNoJvmIsBadInput() {
        assertFails(cli(work, "attach", unique + "-none"), 2, "is neither a pid nor the main class of a JVM",
                "'list' shows them");
    }

    /** {@code java -jar work/UNIQUE-suffix.jar}, a jar holding only {@link LeakyTarget}. */
    private ChildJvm.Started target(String suffix) throws IOException {
        Path jar = work.resolve(unique + "-" + suffix + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LeakyTarget.class.getName());
        Path classes = Path.of(LeakyTarget.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        String prefix = LeakyTarget.class.getName().replace('.', '/');
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> all = Files.walk(classes)) {
            for (Path cls : all.filter(p -> classes.relativize(p).toString().startsWith(prefix)).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(cls).toString()));
                try (InputStream in = Files.newInputStream(cls)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        ChildJvm.Started target = ChildJvm.in(work).withoutAgent().timeout(Duration.ofSeconds(60)).jar(jar).start();
        started.add(target.process());
        tellAndAwait(target, null, "READY ");
        return target;
    }
}
