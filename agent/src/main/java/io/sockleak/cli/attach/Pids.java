package io.sockleak.cli.attach;

import io.sockleak.cli.UsageException;

import java.util.List;

/** The PID argument of attach, dump and stop: a pid, or a main class name ({@link JvmByName}). */
final class Pids {

    private Pids() {
    }

    static long first(List<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException("needs the pid or main class of a running JVM (java -jar sockleak-agent.jar list shows them)");
        }
        String text = args.get(0).trim();
        if (!text.matches("[+-]?[0-9]+")) {
            return JvmByName.resolve(text);
        }
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("'" + args.get(0) + "' is not a pid (too large a number)");
        }
        if (pid <= 0) {
            throw new UsageException("'" + args.get(0) + "' is not a pid (it must be a positive number)");
        }
        return pid;
    }

    static void noMore(List<String> args, int allowed, String command) throws UsageException {
        if (args.size() > allowed) {
            throw new UsageException("unexpected argument '" + args.get(allowed) + "' (usage: " + command + ")");
        }
    }
}
