package io.sockleak.e2e.safety;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real file-system conditions for the report folder: a tiny tmpfs that can be filled, a read-only
 * bind mount. Needs mount(8) and the right to mount (root here); tests are skipped, with the reason,
 * where that is not given.
 */
final class Mounts implements AutoCloseable {

    private final List<Path> mounted = new ArrayList<>();

    /** A tmpfs of {@code kilobytes} at {@code dir} (which must exist). */
    void tmpfs(Path dir, int kilobytes) {
        mount("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k,mode=0755", "tmpfs", dir.toString());
        mounted.add(dir);
    }

    /** {@code dir} bound onto itself, read-only. */
    void readOnly(Path dir) {
        mount("mount", "--bind", dir.toString(), dir.toString());
        mounted.add(dir);
        mount("mount", "-o", "remount,bind,ro", dir.toString());
    }

    void writable(Path dir) {
        run("mount", "-o", "remount,bind,rw", dir.toString());
    }

    private static void mount(String... command) {
        String problem = run(command);
        Assumptions.assumeTrue(problem == null, () -> "cannot mount here (" + String.join(" ", command) + "): "
                + problem);
    }

    /** Runs the command; null when it succeeded, else what went wrong. */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    @Override
    public void close() {
        for (int i = mounted.size() - 1; i >= 0; i--) {
            String problem = run("umount", mounted.get(i).toString());
            if (problem != null) {
                run("umount", "-l", mounted.get(i).toString());
            }
        }
        mounted.clear();
    }
}
