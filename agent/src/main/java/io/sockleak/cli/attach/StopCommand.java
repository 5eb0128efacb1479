package io.sockleak.cli.attach;

import io.sockleak.control.Reply;
import io.sockleak.control.ReplyKey;
import io.sockleak.control.ControlCommand;
import io.sockleak.cli.Command;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code stop PID}: a final report (trigger on-demand), then the JDK classes return to their original
 * code and the agent's threads end. The JVM keeps running; a later attach starts a fresh registry.
 */
public final class StopCommand implements Command {

    @Override
    public String name() {
        return "stop";
    }

    @Override
    public String usage() {
        return "PID|NAME  final report, then remove the instrumentation and stop the agent's threads (the JVM runs on)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        long pid = Pids.first(args);
        Pids.noMore(args, 1, "stop PID");
        ControlClient.Outcome o = ControlClient.sendOrExplain(name(), pid, ControlCommand.STOP, null, err);
        if (o == null) {
            return 1;
        }
        Reply r = o.reply();
        r.all(ReplyKey.NOTE).forEach(n -> err.println("sockleak stop: note: " + n));
        out.println("stopped the agent in " + Notes.who(pid, o) + ": " + r.first(ReplyKey.RESTORED_CLASSES)
                + " JDK classes back to their original code, its threads ended, its counts MBean removed;"
                + " a later attach starts with an empty registry");
        String report = r.first(ReplyKey.REPORT);
        if (report != null) {
            out.println("final report (trigger on-demand):");
            out.println(report);
        }
        return 0;
    }
}
