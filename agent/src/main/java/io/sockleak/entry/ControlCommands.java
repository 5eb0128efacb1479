package io.sockleak.entry;

import io.sockleak.control.Request;
import io.sockleak.control.Reply;
import io.sockleak.control.ReplyKey;
import io.sockleak.model.StartMode;
import io.sockleak.support.Console;
import io.sockleak.report.ReportService;
import io.sockleak.model.Trigger;
import io.sockleak.model.Summary;

import java.lang.instrument.Instrumentation;

/**
 * Runs a command the CLI sent with a loadAgent ({@link Control}) in the target JVM and answers it.
 * Never throws: whatever goes wrong becomes the answer.
 */
final class ControlCommands {

    private ControlCommands() {
    }

    static void run(Request request, Instrumentation instrumentation, StartMode mode) {
        request.answer(answer(request, instrumentation, mode), Console.stderr()::line);
    }

    /**
     * The answer to one request, whether it came with an agent load or through the control MBean; one
     * request at a time, so two CLIs cannot start the agent twice.
     */
    static synchronized Reply answer(Request request, Instrumentation instrumentation,
                                             StartMode mode) {
        try {
            if (request.command() == null) {
                return Reply.error("unknown command '" + request.commandText()
                        + "' (this agent knows attach, dump and stop)");
            }
            return switch (request.command()) {
                case ATTACH -> attach(request, instrumentation, mode);
                case DUMP -> dump();
                case STOP -> stop();
            };
        } catch (Throwable t) {
            Console.stderr().line("command " + request.commandText() + " failed: " + t);
            return Reply.error(request.commandText() + " failed in the target JVM: " + t);
        }
    }

    /**
     * Whether an agent may be running. Until the bridge is in the boot loader, {@link Agent} must not
     * even be loaded: verifying it would load the bridge's sink type into the app loader first, and the
     * boot loader's copy would then never link (a loader constraint violation).
     */
    private static boolean mayBeRunning() {
        return BootstrapInjector.alreadyInjected();
    }

    private static Reply attach(Request request, Instrumentation instrumentation, StartMode mode)
            throws Exception {
        Agent running = mayBeRunning() ? Agent.current() : null;
        if (running != null) {
            OptionsChange change = Agent.reconfigure(request.options());
            Reply reply = describe(Reply.ok().add(ReplyKey.STATE, "running"), running);
            change.changes().forEach(c -> reply.add(ReplyKey.CHANGE, c));
            change.notes().forEach(n -> reply.add(ReplyKey.NOTE, n));
            return reply;
        }
        // The ordinary start, exactly as for -javaagent, with the reserved keys taken out.
        AgentCommands.handle(request.options(), instrumentation, mode);
        Agent started = Agent.current();
        if (started == null) {
            return Reply.error("the agent did not start (its reason is on the JVM's stderr)");
        }
        Reply reply = describe(Reply.ok().add(ReplyKey.STATE, "started"), started);
        io.sockleak.config.OptionsParser.parse(request.options()).problems().forEach(p -> reply.add(ReplyKey.NOTE, p));
        return reply;
    }

    private static Reply dump() {
        if (!mayBeRunning()) {
            return notRunning();
        }
        Agent agent = Agent.current();
        if (agent == null) {
            return notRunning();
        }
        ReportService.Written written = agent.reports().report(Trigger.ON_DEMAND);
        Reply reply = written.path() == null
                ? Reply.error("the report could not be written to " + agent.reports().dir()
                + " (the agent retries every second; its reason is on the JVM's stderr)")
                : Reply.ok().add(ReplyKey.REPORT, written.path());
        return summary(describe(reply, agent), written.report().summary());
    }

    private static Reply stop() {
        if (!mayBeRunning()) {
            return notRunning();
        }
        Agent agent = Agent.current();
        Agent.Stopped stopped = Agent.stop();
        if (stopped == null) {
            return notRunning();
        }
        Reply reply = describe(Reply.ok().add(ReplyKey.STATE, "stopped"), agent)
                .add(ReplyKey.RESTORED_CLASSES, stopped.restoredClasses())
                .add(ReplyKey.INSTRUMENTATION_REMOVED, stopped.instrumentationRemoved());
        if (stopped.finalReport() != null) {
            reply.add(ReplyKey.REPORT, stopped.finalReport());
        } else {
            reply.add(ReplyKey.NOTE, "the final report could not be written to " + agent.reports().dir());
        }
        return reply;
    }

    private static Reply notRunning() {
        return Reply.error("no sockleak agent is running in pid " + ProcessHandle.current().pid()
                + " (attach first)");
    }

    private static Reply describe(Reply reply, Agent agent) {
        return reply.add(ReplyKey.PID, ProcessHandle.current().pid())
                .add(ReplyKey.AGENT_VERSION, Agent.agentVersion())
                .add(ReplyKey.START_MODE, agent.mode().jsonName())
                .add(ReplyKey.AGENT_STARTED_AT, agent.startedAt())
                .add(ReplyKey.JAVA_VERSION, Runtime.version())
                .add(ReplyKey.DIR, agent.reports().dir());
    }

    private static Reply summary(Reply reply, Summary s) {
        return reply.add(ReplyKey.LEAKS, s.leaks())
                .add(ReplyKey.CLOSE_WAIT, s.closeWait())
                .add(ReplyKey.COLLECTED_OPEN, s.collectedOpen())
                .add(ReplyKey.UNTRACKED, s.untracked())
                .add(ReplyKey.TRACKED_OPEN, s.trackedOpen())
                .add(ReplyKey.UNACCEPTED, s.unaccepted());
    }
}
