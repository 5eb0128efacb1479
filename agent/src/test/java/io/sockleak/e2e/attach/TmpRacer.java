package io.sockleak.e2e.attach;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The attacker of {@link HostileTmpIT}: runs as the target JVM's user and replaces every new entry of
 * its /tmp whose name starts with PREFIX, as soon as it appears (inotify), with
 * <ul>
 *   <li>{@code link}: a hard link to CANARY if the kernel allows it (protected_hardlinks usually does
 *       not), else a symbolic link to it;</li>
 *   <li>{@code fifo}: a FIFO nobody writes.</li>
 * </ul>
 * Usage: {@code TmpRacer DIR CANARY link|fifo PREFIX}. Prints WATCHING when ready, then one line per
 * entry: {@code SWAPPED name how} or {@code MISSED name reason}. Ends when stdin closes or after 5 min.
 */
public final class TmpRacer {

    private TmpRacer() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path canary = Path.of(args[1]);
        String mode = args[2];
        String prefix = args[3];
        Set<String> placed = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        Thread stdinWatch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // until the test closes our stdin or ends
                }
            } catch (IOException ignored) {
                // the test is gone
            }
            System.exit(0);
        });
        stdinWatch.setDaemon(true);
        stdinWatch.start();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            System.out.println("WATCHING " + dir);
            System.out.flush();
            while (System.nanoTime() < deadline) {
                WatchKey key = watch.poll(1, TimeUnit.SECONDS);
                if (key == null) {
                    continue;
                }
                List<WatchEvent<?>> events = key.pollEvents();
                key.reset();
                Set<String> names = new HashSet<>();
                for (WatchEvent<?> event : events) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        try (Stream<Path> all = Files.list(dir)) {
                            all.forEach(p -> names.add(p.getFileName().toString()));
                        }
                    } else {
                        names.add(event.context().toString());
                    }
                }
                for (String name : names) {
                    if (name.startsWith(prefix) && placed.add(name)) {
                        System.out.println(swap(dir.resolve(name), canary, mode));
                        System.out.flush();
                    }
                }
            }
        }
    }

    private static String swap(Path entry, Path canary, String mode) {
        String name = entry.getFileName().toString();
        try {
            Files.deleteIfExists(entry);
            if (mode.equals("fifo")) {
                Process mkfifo = new ProcessBuilder("mkfifo", entry.toString()).start();
                if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
                    return "MISSED " + name + " mkfifo failed";
                }
                return "SWAPPED " + name + " fifo";
            }
            try {
                Files.createLink(entry, canary);
                return "SWAPPED " + name + " hardlink";
            } catch (IOException hardLinkRefused) {
                Files.createSymbolicLink(entry, canary);
                return "SWAPPED " + name + " symlink (hard link refused: " + hardLinkRefused.getClass().getSimpleName()
                        + ")";
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            return "MISSED " + name + " " + e;
        }
    }
}
