package io.sockleak.testing;

import io.sockleak.model.ReportJson;
import io.sockleak.model.ReportReadException;
import io.sockleak.model.LeakReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real child JVM (the same java as the test runs on) with the built agent jar, running a main class
 * from the test classpath. Output goes to files so a chatty child never blocks on a full pipe.
 */
public final class ChildJvm {

    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> programArgs = new ArrayList<>();
    private final Path workDir;
    private String mainClass;
    private String jar;
    private String agentOptions;
    private boolean withAgent = true;
    private Duration timeout = Duration.ofSeconds(60);
    private final List<String> prefix = new ArrayList<>();
    private String classPath;
    private Path javaHome;
    private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();

    private ChildJvm(Path workDir) {
        this.workDir = workDir;
    }

    public static ChildJvm in(Path workDir) {
        return new ChildJvm(workDir);
    }

    /** The shaded jar the build just produced (failsafe passes its path). */
    public static Path agentJar() {
        String configured = System.getProperty("sockleak.agentJar");
        Path jar = configured != null ? Path.of(configured) : Path.of("target", "sockleak-agent.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar not built: " + jar.toAbsolutePath() + " (run mvn package first)");
        }
        return jar.toAbsolutePath();
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int javaFeatureVersion() {
        return Runtime.version().feature();
    }

    public ChildJvm main(Class<?> mainClass, String... args) {
        this.mainClass = mainClass.getName();
        this.programArgs.addAll(Arrays.asList(args));
        return this;
    }

    /** A main class by name, for one the test class path does not hold (the CLI's, in the agent jar). */
    public ChildJvm main(String mainClass, String... args) {
        this.mainClass = mainClass;
        this.programArgs.addAll(Arrays.asList(args));
        return this;
    }

    public ChildJvm jar(Path jar, String... args) {
        this.jar = jar.toString();
        this.programArgs.addAll(Arrays.asList(args));
        return this;
    }

    public ChildJvm agentOptions(String options) {
        this.agentOptions = options;
        return this;
    }

    public ChildJvm withoutAgent() {
        this.withAgent = false;
        return this;
    }

    public ChildJvm jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    /** A command the JVM runs under, e.g. setpriv to run it as another user. */
    public ChildJvm runUnder(String... command) {
        prefix.addAll(Arrays.asList(command));
        return this;
    }

    /**
     * Runs the JVM under {@code sh -c 'ulimit -n N; exec java ...'}: at most N descriptors (soft and
     * hard limit, so the JVM's MaxFDLimit cannot raise it). The pid stays the JVM's (exec).
     */
    public ChildJvm fileLimit(int descriptors) {
        return runUnder("sh", "-c", "ulimit -n " + descriptors + " && exec \"$@\"", "sh");
    }

    /** The class path of a {@link #main} child instead of the filtered test class path. */
    public ChildJvm classPath(String classPath) {
        this.classPath = classPath;
        return this;
    }

    /** Runs the child on the JDK at {@code javaHome} instead of the one running the tests. */
    public ChildJvm javaHome(Path javaHome) {
        this.javaHome = javaHome;
        return this;
    }

    /** An environment variable of the child (e.g. JAVA_TOOL_OPTIONS, as a container sets it). */
    public ChildJvm env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public ChildJvm timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public List<String> command() {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(javaHome == null ? javaExecutable() : javaHome.resolve("bin").resolve("java").toString());
        if (withAgent) {
            cmd.add("-javaagent:" + agentJar() + (agentOptions == null ? "" : "=" + agentOptions));
        }
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmArgs);
        if (jar != null) {
            cmd.add("-jar");
            cmd.add(jar);
        } else {
            cmd.add("-cp");
            cmd.add(classPath != null ? classPath : childClassPath());
            cmd.add(mainClass);
        }
        cmd.addAll(programArgs);
        return cmd;
    }

    /**
     * The test classpath without the agent and what it shades: the child must see the agent only
     * through -javaagent, as a user's application does.
     */
    static String childClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> {
                    String name = Path.of(entry).getFileName().toString();
                    return !entry.endsWith("target/classes") && !name.startsWith("sockleak-agent")
                            && !name.startsWith("byte-buddy") && !name.startsWith("jackson-")
                            && !name.startsWith("junit-") && !name.startsWith("opentest4j");
                })
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    public Started start() {
        try {
            Files.createDirectories(workDir);
            Path out = Files.createTempFile(workDir, "child", ".out");
            Path err = Files.createTempFile(workDir, "child", ".err");
            ProcessBuilder builder = new ProcessBuilder(command());
            builder.environment().putAll(environment);
            Process process = builder
                    .directory(workDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            return new Started(process, out, err, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result run() {
        return start().await();
    }

    /** A child still running: its pid, its output so far, and a way to wait for it. */
    public static final class Started {
        private final Process process;
        private final Path out;
        private final Path err;
        private final Duration timeout;

        Started(Process process, Path out, Path err, Duration timeout) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.timeout = timeout;
        }

        public long pid() {
            return process.pid();
        }

        public Process process() {
            return process;
        }

        public String stdout() {
            return read(out);
        }

        public String stderr() {
            return read(err);
        }

        /** Polls stdout until a line equal to {@code line} appears. */
        public void awaitLine(String line, Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                if (stdout().lines().anyMatch(line::equals)) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new AssertionError("child exited (" + process.exitValue() + ") before printing '" + line
                            + "'\nstdout:\n" + stdout() + "\nstderr:\n" + stderr());
                }
                Poll.pause();
            }
            throw new AssertionError("child did not print '" + line + "' within " + within
                    + "\nstdout:\n" + stdout() + "\nstderr:\n" + stderr());
        }

        public void tell(String line) {
            try {
                process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Result await() {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("child JVM did not exit within " + timeout
                            + "\nstdout:\n" + stdout() + "\nstderr:\n" + stderr());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return new Result(process.exitValue(), stdout(), stderr());
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public Result assertExitCode(int expected) {
            if (exitCode != expected) {
                throw new AssertionError("exit code " + exitCode + ", expected " + expected
                        + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    /** All reports in a folder, oldest first, read through the same model the agent writes. */
    public static List<LeakReport> reports(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            List<LeakReport> reports = new ArrayList<>();
            for (Path p : sorted) {
                reports.add(ReportJson.read(p));
            }
            return reports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReportReadException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    public static LeakReport onlyReport(Path dir, String trigger) {
        List<LeakReport> matching = reports(dir).stream().filter(r -> r.trigger().equals(trigger)).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one '" + trigger + "' report in " + dir + ", found " + matching.size());
        }
        return matching.get(0);
    }
}
