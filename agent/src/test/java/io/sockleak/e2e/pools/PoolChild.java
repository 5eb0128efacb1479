package io.sockleak.e2e.pools;

import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.Poll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * A pool child app (e2e/pools/apps) under the agent, driven through its command loop: on-demand
 * reports, what the library hooks made of its sockets, interval and threshold reports as they appear
 * in its report folder, and the shutdown report after {@code exit}.
 */
final class PoolChild implements AutoCloseable {

    static final Duration READY_WITHIN = Duration.ofSeconds(60);
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

    private final ChildJvm.Started child;
    private final Path reports;
    private int commands;

    private PoolChild(ChildJvm.Started child, Path reports) {
        this.child = child;
        this.reports = reports;
    }

    /** Starts {@code app} with {@code dir=<work>/reports} plus {@code options} and waits for its READY. */
    static PoolChild start(Path work, Class<?> app, String options) {
        Path reports = work.resolve("reports");
        ChildJvm.Started started = ChildJvm.in(work).agentOptions("dir=" + reports + "," + options)
                .timeout(Duration.ofSeconds(90)).main(app).start();
        PoolChild child = new PoolChild(started, reports);
        started.awaitLine("READY", READY_WITHIN);
        return child;
    }

    /** An on-demand report now (AgentProbe.dump in the child). */
    PoolReport dump() {
        String answer = ask("dump", "DUMPED", "");
        if (answer.equals("null")) {
            throw new AssertionError("the agent wrote no on-demand report\n" + output());
        }
        return PoolReport.read(Path.of(answer));
    }

    /** What the hooks say of the child's sockets towards {@code port}: e.g. [HikariCP:BORROWED, HikariCP:IDLE]. */
    List<String> pools(int port) {
        String answer = ask("pools", "POOLS", " " + port);
        String inner = answer.substring(1, answer.length() - 1);
        return inner.isEmpty() ? List.of() : Arrays.asList(inner.split(", "));
    }

    /** Reports with this trigger in the folder now, oldest first. */
    List<PoolReport> reports(String trigger) {
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(reports)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-" + trigger + ".json")).sorted()
                    .map(PoolReport::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code count} more {@code trigger} reports than {@code before} exist; returns the new ones. */
    List<PoolReport> awaitNew(String trigger, int before, int count) {
        Poll.until(count + " new " + trigger + " reports", ANSWER_WITHIN,
                () -> reports(trigger).size() >= before + count);
        List<PoolReport> all = reports(trigger);
        return all.subList(before, all.size());
    }

    /** Tells the app to exit, checks it ended cleanly, returns its shutdown report. */
    PoolReport exit() {
        child.tell("exit");
        ChildJvm.Result result = child.await().assertExitCode(0);
        List<PoolReport> shutdown = reports("shutdown");
        if (shutdown.size() != 1) {
            throw new AssertionError("expected one shutdown report, found " + shutdown.size() + "\n" + result.stdout()
                    + result.stderr());
        }
        return shutdown.get(0);
    }

    String output() {
        return "child stdout:\n" + child.stdout() + "\nchild stderr:\n" + child.stderr();
    }

    /** Sends {@code command N<tail>} (N numbers the commands) and returns what follows {@code answerWord N }. */
    private String ask(String command, String answerWord, String tail) {
        int n = ++commands;
        child.tell(command + " " + n + tail);
        String prefix = answerWord + " " + n + " ";
        String line = Poll.value(command + " answer", ANSWER_WITHIN, () -> child.stdout().lines()
                .filter(l -> l.startsWith(prefix)).reduce((first, second) -> second).orElse(null));
        return line.substring(prefix.length());
    }

    @Override
    public void close() {
        if (child.process().isAlive()) {
            child.process().destroyForcibly();
        }
    }
}
