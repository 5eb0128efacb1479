package io.sockleak.cli.attach;

import io.sockleak.cli.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code list}: the JVMs this user can attach to, like jps: from the Attach API (hsperfdata), plus
 * java processes found in /proc that it does not list (started with -XX:-UsePerfData, or with attach
 * disabled, which is then said). Root sees every user's JVMs.
 */
public final class ListCommand implements Command {

    /** One line of the listing. */
    record Jvm(long pid, String main, String note) {
    }

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String usage() {
        return "the JVMs you can attach to: pid and main class (like jps)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Pids.noMore(args, 0, "list");
        int me = TargetProcess.currentUid();
        long self = ProcessHandle.current().pid();
        Map<Long, Jvm> jvms = new TreeMap<>();
        if (AttachSupport.available()) {
            for (HotSpotAttach.Listed listed : HotSpotAttach.list()) {
                if (listed.pid() != self && mine(listed.pid(), me)) {
                    jvms.put(listed.pid(), new Jvm(listed.pid(), listed.main(), owner(listed.pid(), me)));
                }
            }
        } else {
            err.println("sockleak list: note: " + AttachSupport.missingMessage());
        }
        scanProc(me, self, jvms);
        if (jvms.isEmpty()) {
            err.println("sockleak list: no JVMs found that you can attach to");
        }
        for (Jvm jvm : jvms.values()) {
            out.println(jvm.pid() + " " + jvm.main() + (jvm.note() == null ? "" : "  (" + jvm.note() + ")"));
        }
        return 0;
    }

    /** java processes the Attach API did not list. */
    private static void scanProc(int me, long self, Map<Long, Jvm> jvms) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path dir : entries) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid == self || jvms.containsKey(pid) || !mine(pid, me) || !isJava(dir)) {
                    continue;
                }
                List<String> commandLine = TargetProcess.split(TargetProcess.readQuietly(dir.resolve("cmdline")));
                String main = TargetProcess.mainOf(commandLine);
                String note = commandLine.contains("-XX:+DisableAttachMechanism")
                        ? "attach disabled: -XX:+DisableAttachMechanism"
                        : AttachSupport.available() ? "not listed by the Attach API: -XX:-UsePerfData or still starting?"
                        : null;
                String owner = owner(pid, me);
                jvms.put(pid, new Jvm(pid, main == null ? "?" : main,
                        owner == null ? note : note == null ? owner : owner + "; " + note));
            }
        } catch (IOException | RuntimeException e) {
            // a partial listing is still a listing
        }
    }

    private static boolean isJava(Path dir) {
        try {
            Path exe = Files.readSymbolicLink(dir.resolve("exe"));
            String name = exe.getFileName() == null ? "" : exe.getFileName().toString();
            return name.equals("java") || name.equals("javaw");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean mine(long pid, int me) {
        if (me == TargetProcess.ROOT || me < 0) {
            return true;
        }
        return uid(pid) == me;
    }

    /** For root: whose JVM it is, when not root's. */
    private static String owner(long pid, int me) {
        if (me != TargetProcess.ROOT) {
            return null;
        }
        int uid = uid(pid);
        if (uid <= 0) {
            return null;
        }
        try {
            return "user " + Files.getOwner(Path.of("/proc", Long.toString(pid))).getName();
        } catch (IOException | RuntimeException e) {
            return "uid " + uid;
        }
    }

    private static int uid(long pid) {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc", Long.toString(pid)), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
