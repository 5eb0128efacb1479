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

    /** {@code java -jar sockleak-agent.jar ARGS} in {@code folder}. */
    static Result run(Path folder, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("-jar", agentJar().toString()));
        command.addAll(Arrays.asList(args));
        return java(folder, command);
    }

    /** {@code java JVM-ARGS...} in {@code folder}, on the JDK running the tests. */
    static Result java(Path folder, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 120 s");
        }
        Result result = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    private static Path built(String property) {
        Path jar = Path.of(System.getProperty(property)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("not built: " + jar);
        }
        return jar;
    }
}
