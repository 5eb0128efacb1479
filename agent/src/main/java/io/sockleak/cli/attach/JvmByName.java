package io.sockleak.cli.attach;

import io.sockleak.cli.UsageException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A JVM named by its main class (or jar) instead of its pid, as jcmd allows: over the JVMs the Attach
 * API lists. A name that matches one JVM's main exactly ({@code com.example.Server}, {@code Server},
 * {@code app.jar}) wins; otherwise a part of the name must match exactly one JVM. Unlike jcmd, which
 * sends to every match, a name that fits several JVMs is refused with their pids: loading an agent is not
 * something to do to the wrong process.
 */
final class JvmByName {

    private JvmByName() {
    }

    static long resolve(String name) throws UsageException {
        if (!AttachSupport.available()) {
            throw new UsageException("'" + name + "' is not a pid, and without jdk.attach JVMs cannot be found by"
                    + " name: give the pid");
        }
        return resolve(name, HotSpotAttach.list(), ProcessHandle.current().pid());
    }

    /** {@code self}: this CLI's own JVM, which the list includes and which is never the one meant. */
    static long resolve(String name, List<HotSpotAttach.Listed> listed, long self) throws UsageException {
        List<HotSpotAttach.Listed> jvms = listed.stream().filter(jvm -> jvm.pid() != self).toList();
        List<HotSpotAttach.Listed> matches = jvms.stream().filter(jvm -> exact(name, jvm.main())).toList();
        if (matches.isEmpty()) {
            matches = jvms.stream().filter(jvm -> jvm.main().contains(name)).toList();
        }
        if (matches.size() == 1) {
            return matches.get(0).pid();
        }
        if (matches.isEmpty()) {
            throw new UsageException("'" + name + "' is neither a pid nor the main class of a JVM you can attach to"
                    + " ('list' shows them)");
        }
        throw new UsageException("'" + name + "' matches " + matches.size() + " JVMs: " + matches.stream()
                .map(jvm -> jvm.pid() + " " + jvm.main()).collect(Collectors.joining(", ")) + "; give the pid");
    }

    private static boolean exact(String name, String main) {
        if (main.equals(name)) {
            return true;
        }
        int slash = main.lastIndexOf('/');
        if (main.endsWith(".jar")) {
            String file = main.substring(slash + 1);
            return file.equals(name) || file.equals(name + ".jar");
        }
        return main.substring(main.lastIndexOf('.') + 1).equals(name);
    }
}
