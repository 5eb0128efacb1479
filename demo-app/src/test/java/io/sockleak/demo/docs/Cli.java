package io.sockleak.demo.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a JVM as the docs show it (the CLI, the demo) in a folder, and keeps its output apart per stream. */
final class Cli {

    record Result(int exit, String stdout, String stderr) {
    }

    private Cli() {
    }

    static Path agentJar() {
        return built("sockleak.agentJar");
    }

    static Path demoJar() {
        return built("sockleak.demoJar");
    }

    /**
     * Makes {@code folder} look like the repository's root to the docs' commands: the built jars and
     * docs/examples at the paths they type ({@code agent/target/sockleak-agent.jar}, ...), as links.
     */
    static void layOut(Path folder) throws IOException {
        link(folder, "agent/target/sockleak-agent.jar", agentJar());
        link(folder, "demo-app/target/sockleak-demo.jar", demoJar());
        link(folder, "docs/examples", DocOutputs.doc("docs/examples"));
    }

    /** {@code javac -d . docs/examples/NAME.java} in a folder {@link #layOut laid out} as the repository. */
    static void javac(Path folder, String example) throws IOException, InterruptedException {
        Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(), "-d",
                ".", "docs/examples/" + example + ".java").directory(folder.toFile()).inheritIO().start();
        finish(javac, List.of("javac", example));
        if (javac.exitValue() != 0) {
            throw new AssertionError("javac " + example + " failed");
        }
    }

    /** A port free a moment ago, for a server the docs' command starts. */
    static int freePort() throws IOException {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static void link(Path folder, String name, Path to) throws IOException {
        Path link = folder.resolve(name);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, to);
    }

    /** {@code java -jar sockleak-agent.jar ARGS} in {@code folder}. */
    static Result run(Path folder, String... args) throws IOException, InterruptedException {
        return java(folder, cli(args));
    }

    /**
     * {@code java JVM-ARGS... 2>&1} in {@code folder}: stdout and stderr in one, in the order a terminal shows
     * them (System.out and System.err flush at each line). In {@link Result#stdout()}.
     */
    static Result transcript(Path folder, List<String> arguments) throws IOException, InterruptedException {
        Path out = Files.createTempFile(folder, "out", ".txt");
        Process p = new ProcessBuilder(javaCommand(arguments)).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        finish(p, arguments);
        Result result = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), "");
        Files.delete(out);
        return result;
    }

    /** {@code java -jar sockleak-agent.jar ARGS 2>&1} in {@code folder}. */
    static Result transcript(Path folder, String... args) throws IOException, InterruptedException {
        return transcript(folder, cli(args));
    }

    /** The JVM arguments of {@code java -jar sockleak-agent.jar ARGS}. */
    private static List<String> cli(String... args) {
        List<String> command = new ArrayList<>(List.of("-jar", agentJar().toString()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** {@code java JVM-ARGS...} started in {@code folder}, its stdout and stderr both into {@code log}. */
    static Process start(Path folder, Path log, List<String> arguments) throws IOException {
        return new ProcessBuilder(javaCommand(arguments)).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** {@code java JVM-ARGS...} in {@code folder}, on the JDK running the tests. */
    static Result java(Path folder, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = javaCommand(arguments);
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        finish(p, command);
        Result result = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    static void finish(Process p, List<String> command) throws InterruptedException {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 120 s");
        }
    }

    private static List<String> javaCommand(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        return command;
    }

    private static Path built(String property) {
        Path jar = Path.of(System.getProperty(property)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("not built: " + jar);
        }
        return jar;
    }
}
