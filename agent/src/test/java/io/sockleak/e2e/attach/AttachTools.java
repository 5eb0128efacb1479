package io.sockleak.e2e.attach;

import com.sun.tools.attach.VirtualMachine;
import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.Poll;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The attach tests' tools: the CLI as a separate process, the class probe, JMX through the attach API. */
final class AttachTools {

    private AttachTools() {
    }

    /** {@code java -jar sockleak-agent.jar ARGS} in its own JVM (no -javaagent), on the JDK running the tests. */
    static ChildJvm.Result cli(Path work, String... args) {
        return cliJvm(work, args).run();
    }

    static ChildJvm cliJvm(Path work, String... args) {
        return ChildJvm.in(work).withoutAgent().timeout(Duration.ofSeconds(90)).jar(ChildJvm.agentJar(), args);
    }

    /** The CLI never shows a stack trace, whatever happened. */
    static ChildJvm.Result assertNoStackTrace(ChildJvm.Result result) {
        String all = result.stdout() + result.stderr();
        assertFalse(all.contains("\tat ") || all.contains("Exception in thread"), "stack trace in CLI output:\n" + all);
        return result;
    }

    /** A failed command: the exit code, and exactly one line on stderr that says why. */
    static String assertFails(ChildJvm.Result result, int exitCode, String... mentions) {
        result.assertExitCode(exitCode);
        assertNoStackTrace(result);
        // A note (e.g. the JMX channel refused, so the agent is loaded again) comes before the failure, not in it.
        List<String> lines = result.stderr().lines().filter(l -> !l.isBlank())
                .filter(l -> !l.matches("sockleak [a-z]+: note: .*")).toList();
        assertTrue(lines.size() == 1, "one line on stderr (notes aside), got:\n" + result.stderr());
        for (String m : mentions) {
            assertTrue(lines.get(0).contains(m), "'" + m + "' not in: " + lines.get(0));
        }
        return lines.get(0);
    }

    /**
     * Tells the target a command (null: nothing) and returns its answer: the next new stdout line
     * starting with {@code prefix}.
     */
    static String tellAndAwait(ChildJvm.Started target, String command, String prefix) {
        long before = target.stdout().lines().filter(l -> l.startsWith(prefix)).count();
        if (command != null) {
            target.tell(command);
        }
        return Poll.value("answer to " + command, Duration.ofSeconds(30), () -> {
            String out = target.stdout();
            if (out.lines().anyMatch(l -> l.startsWith("FAILED "))) {
                throw new AssertionError("target failed:\n" + out + "\n" + target.stderr());
            }
            if (!target.process().isAlive()) {
                throw new AssertionError("target exited:\n" + out + "\n" + target.stderr());
            }
            List<String> answers = out.lines().filter(l -> l.startsWith(prefix)).toList();
            return answers.size() > before ? answers.get((int) before) : null;
        });
    }

    static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** What a class looks like now, per {@link ClassProbe}: its bytes' hash and its calls into the bridge. */
    record ClassState(String hash, int bridgeCalls) {
        boolean callsBridge() {
            return bridgeCalls > 0;
        }
    }

    /** Loads {@link ClassProbe} into the JVM and returns its answer: class name -> state. */
    static Map<String, ClassState> probe(long pid, Path work) {
        try {
            Path jar = probeJar(work);
            Path out = Files.createTempFile(work, "probe", ".txt");
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                vm.loadAgent(jar.toString(), out.toString());
            } finally {
                vm.detach();
            }
            Map<String, ClassState> states = new HashMap<>();
            for (String line : Files.readAllLines(out)) {
                String[] parts = line.split(" ");
                if (parts.length == 3 && !parts[1].equals("failed")) {
                    if (parts[2].equals("unparsable")) {
                        throw new AssertionError("probe could not parse " + parts[0]);
                    }
                    states.put(parts[0], new ClassState(parts[1], Integer.parseInt(parts[2])));
                }
            }
            return states;
        } catch (Exception e) {
            throw new AssertionError("probe of pid " + pid + " failed: " + e, e);
        }
    }

    private static Path probeJar(Path work) throws IOException {
        Path jar = work.resolve("class-probe.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Agent-Class", ClassProbe.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        String entry = ClassProbe.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            try (var in = ClassProbe.class.getClassLoader().getResourceAsStream(entry)) {
                if (in == null) {
                    throw new IOException("no " + entry + " on the test class path");
                }
                in.transferTo(out);
            }
            out.closeEntry();
        }
        return jar;
    }

    /** A JMX connection to the JVM through its local connector, started through the attach API if needed. */
    static JMXConnector jmx(long pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            return JMXConnectorFactory.connect(new JMXServiceURL(address), new HashMap<String, Object>());
        } catch (Exception e) {
            throw new AssertionError("no JMX connection to pid " + pid + ": " + e, e);
        }
    }

    static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the compiled classes of this package whose names start with one of {@code simpleNames}
     * (nested classes too) into {@code classes}: for a JVM that must not read the build folder (another
     * user, or a private /tmp that hides a build under /tmp).
     */
    static void copyClasses(Path classes, String... simpleNames) {
        String packageDir = AttachTools.class.getPackageName().replace('.', '/');
        try {
            Path compiled = Path.of(AttachTools.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (java.util.stream.Stream<Path> files = Files.list(compiled.resolve(packageDir))) {
                files.filter(f -> java.util.stream.Stream.of(simpleNames)
                                .anyMatch(n -> f.getFileName().toString().startsWith(n)))
                        .forEach(f -> copy(f, classes.resolve(packageDir).resolve(f.getFileName())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
