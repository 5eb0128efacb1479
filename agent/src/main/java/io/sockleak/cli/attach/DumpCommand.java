package io.sockleak.cli.attach;

import io.sockleak.cli.Command;
import io.sockleak.entry.Control;

import java.io.PrintStream;
import java.util.List;

/** {@code dump PID}: the agent in that JVM writes an on-demand report now; its path is the last line. */
public final class DumpCommand implements Command {

    @Override
    public String name() {
        return "dump";
    }

    @Override
    public String usage() {
        return "PID|NAME  the agent in that JVM writes an on-demand report now (its path is the last line)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        long pid = Pids.first(args);
        Pids.noMore(args, 1, "dump PID");
        ControlClient.Outcome o = ControlClient.sendOrExplain(name(), pid, Control.Command.DUMP, null, err);
        if (o == null) {
            return 1;
        }
        Control.Reply r = o.reply();
        out.println("pid " + pid + ": " + r.first("leaks") + " leaks (CLOSE_WAIT " + r.first("closeWait")
                + ", collected-open " + r.first("collectedOpen") + ", untracked " + r.first("untracked") + "), "
                + r.first("trackedOpen") + " tracked open, " + r.first("unaccepted") + " unaccepted");
        out.println(r.first("report"));
        return 0;
    }
}
