package io.sockleak.cli.attach;

import io.sockleak.control.Reply;
import io.sockleak.control.ReplyKey;
import io.sockleak.control.ControlCommand;
import io.sockleak.cli.Command;

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
        ControlClient.Outcome o = ControlClient.sendOrExplain(name(), pid, ControlCommand.DUMP, null, err);
        if (o == null) {
            return 1;
        }
        Reply r = o.reply();
        out.println("pid " + pid + ": " + r.first(ReplyKey.LEAKS) + " leaks (CLOSE_WAIT " + r.first(ReplyKey.CLOSE_WAIT)
                + ", collected-open " + r.first(ReplyKey.COLLECTED_OPEN) + ", untracked " + r.first(ReplyKey.UNTRACKED) + "), "
                + r.first(ReplyKey.TRACKED_OPEN) + " tracked open, " + r.first(ReplyKey.UNACCEPTED) + " unaccepted");
        out.println(r.first(ReplyKey.REPORT));
        return 0;
    }
}
