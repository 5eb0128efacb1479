package io.sockleak.cli.attach;

import io.sockleak.control.Reply;
import io.sockleak.control.ReplyKey;
import io.sockleak.control.ControlCommand;
import io.sockleak.cli.Command;

import java.io.PrintStream;
import java.util.List;

/** {@code attach PID [key=value,...]}: loads the agent into a running JVM, or changes its options. */
public final class AttachCommand implements Command {

    @Override
    public String name() {
        return "attach";
    }

    @Override
    public String usage() {
        return "PID|NAME [key=value,...]  load the agent into a running JVM (options as for -javaagent; again to"
                + " change them)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        long pid = Pids.first(args);
        String options = AttachOptions.check(args.subList(1, args.size()));
        ControlClient.Outcome o = ControlClient.sendOrExplain(name(), pid, ControlCommand.ATTACH, options, err);
        if (o == null) {
            return 1;
        }
        Reply r = o.reply();
        if ("started".equals(r.first(ReplyKey.STATE))) {
            out.println("attached to " + Notes.who(pid, o) + " in " + o.millis() + " ms");
            out.println("sockets opened from now on are tracked with their stacks; those opened before show up"
                    + " from the kernel's view (CLOSE_WAIT as UNTRACKED, listeners with their accept queues)");
        } else {
            out.println("the agent already runs in " + Notes.who(pid, o) + ", started by " + r.first(ReplyKey.START_MODE)
                    + " at " + r.first(ReplyKey.AGENT_STARTED_AT) + ": nothing is instrumented or counted twice");
            List<String> changes = r.all(ReplyKey.CHANGE);
            if (changes.isEmpty()) {
                out.println("options unchanged");
            }
            changes.forEach(c -> out.println("changed: " + c));
        }
        r.all(ReplyKey.NOTE).forEach(n -> err.println("sockleak attach: note: " + n));
        if (o.dynamicLoadWarning()) {
            Notes.dynamicLoadWarning(err, name(), pid, o.javaFeature());
        }
        if (o.otherRoot()) {
            err.println("sockleak attach: note: pid " + pid + " has another root directory (a container?): dir= and"
                    + " the report paths are as that JVM sees them");
        }
        out.println("reports go to " + r.first(ReplyKey.DIR));
        out.println("next: 'dump " + pid + "' writes a report now, 'stop " + pid + "' leaves the JVM");
        return 0;
    }
}
