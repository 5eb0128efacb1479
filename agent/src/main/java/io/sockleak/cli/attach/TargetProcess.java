package io.sockleak.cli.attach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What /proc says about a pid before anything is sent to it: that it exists, whose it is, that it is
 * a JVM, and which attach-related flags it was started with. The Attach API itself would signal
 * (SIGQUIT) whatever process has that pid, and SIGQUIT ends a process that does not catch it; so
 * nothing is sent to a pid that is not proven to be a JVM. The proof is libjvm.so mapped into it
 * (/proc/PID/maps, which must be readable); an hsperfdata file naming the pid is no proof (a JVM
 * killed with -9 leaves its file behind, and the pid is reused). {@link #requireSameJvm()} proves it
 * again right before the Attach API is called. Without /proc (not Linux) only the existence check is
 * made.
 */
record TargetProcess(long pid, int uid, String user, String name, List<String> commandLine, boolean jvm,
                     Boolean attachDisabled, Boolean dynamicAgentLoading, boolean otherMountNamespace,
                     String startTime) {

    static final int ROOT = 0;
    private static final Path PROC = Path.of("/proc");

    static TargetProcess inspect(long pid) throws AttachFailure {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            throw new AttachFailure("no process with pid " + pid + " ('list' shows the JVMs you can attach to)");
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new AttachFailure("pid " + pid + " is this sockleak command itself");
        }
        Path dir = PROC.resolve(Long.toString(pid));
        if (!Files.isDirectory(dir)) {
            return new TargetProcess(pid, -1, null, null, List.of(), true, null, null, false, null);
        }
        int uid = uidOf(dir);
        String user = userOf(dir, uid);
        String name = readQuietly(dir.resolve("comm")).trim();
        int me = currentUid();
        if (me != ROOT && uid != me) {
            throw new AttachFailure("pid " + pid + " (" + name + ") belongs to user " + user + ", not to you ("
                    + userOf(PROC.resolve("self"), me) + "): a JVM accepts an attach only from its own user"
                    + " (or root); run this command as " + user + ", e.g. sudo -u " + user + " java -jar ...");
        }
        List<String> commandLine = split(readQuietly(dir.resolve("cmdline")));
        String startTime = startTime(dir);
        requireJvm(pid, dir, name);
        List<String> flags = new ArrayList<>(commandLine);
        String environ = readQuietly(dir.resolve("environ"));
        for (String variable : split(environ)) {
            if (variable.startsWith("JAVA_TOOL_OPTIONS=") || variable.startsWith("JDK_JAVA_OPTIONS=")) {
                flags.addAll(Arrays.asList(variable.substring(variable.indexOf('=') + 1).trim().split("\\s+")));
            }
        }
        boolean otherNamespace = false;
        try {
            otherNamespace = !Files.isSameFile(dir.resolve("root"), Path.of("/"));
        } catch (IOException | SecurityException e) {
            // cannot tell: assume the same file system
        }
        return new TargetProcess(pid, uid, user, name, commandLine, true,
                flag(flags, "DisableAttachMechanism"), flag(flags, "EnableDynamicAgentLoading"), otherNamespace,
                startTime);
    }

    /**
     * The proof, read now: libjvm.so is mapped into the pid. Refuses when /proc/PID/maps cannot be
     * read or names no libjvm.so.
     */
    private static void requireJvm(long pid, Path dir, String name) throws AttachFailure {
        String maps;
        try {
            maps = Files.readString(dir.resolve("maps"), StandardCharsets.ISO_8859_1);
        } catch (AccessDeniedException e) {
            throw new AttachFailure("cannot look into pid " + pid + " (" + name + "): " + e.getMessage()
                    + " is not readable for you, so it cannot be proven to be a JVM; nothing was sent to it");
        } catch (IOException e) {
            throw new AttachFailure("no process with pid " + pid + " (it ended)");
        }
        if (!maps.contains("/libjvm.so")) {
            throw new AttachFailure("pid " + pid + " (" + name + ") is not a Java VM (no libjvm.so in it):"
                    + " 'list' shows the JVMs you can attach to");
        }
    }

    /**
     * Right before the Attach API signals the pid: it is still the process inspected (same start
     * time, so not a reused pid) and still has libjvm.so mapped.
     */
    void requireSameJvm() throws AttachFailure {
        Path dir = PROC.resolve(Long.toString(pid));
        if (startTime == null) {
            return;
        }
        String now = startTime(dir);
        if (!startTime.equals(now)) {
            throw new AttachFailure("pid " + pid + " (" + name + ") ended while it was being checked"
                    + (now == null ? "" : " and the pid now belongs to another process") + "; nothing was sent to it");
        }
        requireJvm(pid, dir, name);
    }

    /** Field 22 of /proc/PID/stat: when the process started (clock ticks after boot); null when unreadable. */
    static String startTime(Path dir) {
        String stat = readQuietly(dir.resolve("stat"));
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] fields = stat.substring(close + 1).trim().split(" ");
        // fields[0] is field 3 (state), so field 22 is fields[19].
        return fields.length > 19 ? fields[19] : null;
    }

    /** The attach checks that need nothing but /proc. */
    void requireAttachable() throws AttachFailure {
        if (Boolean.TRUE.equals(attachDisabled)) {
            throw new AttachFailure("pid " + pid + " was started with -XX:+DisableAttachMechanism: it accepts no"
                    + " attach at all; restart it without that flag, or with -javaagent:sockleak-agent.jar");
        }
        if (Boolean.FALSE.equals(dynamicAgentLoading)) {
            throw new AttachFailure(dynamicLoadingDisabled(pid));
        }
    }

    static String dynamicLoadingDisabled(long pid) {
        return "pid " + pid + " was started with -XX:-EnableDynamicAgentLoading: it refuses agents loaded while"
                + " it runs; restart it with -XX:+EnableDynamicAgentLoading, or with -javaagent:sockleak-agent.jar";
    }

    /** The main class (or jar) from a java command line, as jps -l shows it. */
    static String mainOf(List<String> commandLine) {
        List<String> withArgument = List.of("-cp", "-classpath", "--class-path", "-p", "--module-path",
                "--upgrade-module-path", "--add-modules", "--add-opens", "--add-exports", "--add-reads",
                "--patch-module", "--limit-modules", "--source", "--enable-native-access");
        for (int i = 1; i < commandLine.size(); i++) {
            String arg = commandLine.get(i);
            if (arg.equals("-jar") || arg.equals("-m") || arg.equals("--module")) {
                return i + 1 < commandLine.size() ? commandLine.get(i + 1) : null;
            }
            if (withArgument.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    static int currentUid() {
        try {
            return uidOf(PROC.resolve("self"));
        } catch (AttachFailure e) {
            return -1;
        }
    }

    private static int uidOf(Path dir) throws AttachFailure {
        try {
            return (Integer) Files.getAttribute(dir, "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new AttachFailure("cannot read the owner of " + dir + ": " + e.getMessage());
        }
    }

    private static String userOf(Path dir, int uid) {
        try {
            return Files.getOwner(dir).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "uid " + uid;
        }
    }

    /** The last of -XX:+NAME / -XX:-NAME wins, as in the JVM; null when neither is given. */
    private static Boolean flag(List<String> args, String name) {
        Boolean value = null;
        for (String arg : args) {
            if (arg.equals("-XX:+" + name)) {
                value = true;
            } else if (arg.equals("-XX:-" + name)) {
                value = false;
            }
        }
        return value;
    }

    static String readQuietly(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    static List<String> split(String nulSeparated) {
        List<String> parts = new ArrayList<>();
        for (String part : nulSeparated.split("\0")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }
}
