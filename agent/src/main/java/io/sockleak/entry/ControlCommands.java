package io.sockleak.entry;

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

    static void run(Control.Request request, Instrumentation instrumentation, StartMode mode) {
        request.answer(answer(request, instrumentation, mode), Console.stderr()::line);
    }

    /**
     * The answer to one request, whether it came with an agent load or through the control MBean; one
     * request at a time, so two CLIs cannot start the agent twice.
     */
    static synchronized Control.Reply answer(Control.Request request, Instrumentation instrumentation,
                                             StartMode mode) {
        try {
            if (request.command() == null) {
                return Control.Reply.error("unknown command '" + request.commandText()
                        + "' (this agent knows attach, dump and stop)");
            }
            return switch (request.command()) {
                case ATTACH -> attach(request, instrumentation, mode);
                case DUMP -> dump();
                case STOP -> stop();
            };
        } catch (Throwable t) {
            Console.stderr().line("command " + request.commandText() + " failed: " + t);
            return Control.Reply.error(request.commandText() + " failed in the target JVM: " + t);
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

    private static Control.Reply attach(Control.Request request, Instrumentation instrumentation, StartMode mode)
            throws Exception {
        Agent running = mayBeRunning() ? Agent.current() : null;
        if (running != null) {
            OptionsChange change = Agent.reconfigure(request.options());
            Control.Reply reply = describe(Control.Reply.ok().add("state", "running"), running);
            change.changes().forEach(c -> reply.add("change", c));
            change.notes().forEach(n -> reply.add("note", n));
            return reply;
        }
        // The ordinary start, exactly as for -javaagent, with the reserved keys taken out.
        AgentCommands.handle(request.options(), instrumentation, mode);
        Agent started = Agent.current();
        if (started == null) {
            return Control.Reply.error("the agent did not start (its reason is on the JVM's stderr)");
        }
        Control.Reply reply = describe(Control.Reply.ok().add("state", "started"), started);
        io.sockleak.config.OptionsParser.parse(request.options()).problems().forEach(p -> reply.add("note", p));
        return reply;
    }

    private static Control.Reply dump() {
        if (!mayBeRunning()) {
            return notRunning();
        }
        Agent agent = Agent.current();
        if (agent == null) {
            return notRunning();
        }
        ReportService.Written written = agent.reports().report(Trigger.ON_DEMAND);
        Control.Reply reply = written.path() == null
                ? Control.Reply.error("the report could not be written to " + agent.reports().dir()
                + " (the agent retries every second; its reason is on the JVM's stderr)")
                : Control.Reply.ok().add("report", written.path());
        return summary(describe(reply, agent), written.report().summary());
    }

    private static Control.Reply stop() {
        if (!mayBeRunning()) {
            return notRunning();
        }
        Agent agent = Agent.current();
        Agent.Stopped stopped = Agent.stop();
        if (stopped == null) {
            return notRunning();
        }
        Control.Reply reply = describe(Control.Reply.ok().add("state", "stopped"), agent)
                .add("restoredClasses", stopped.restoredClasses())
                .add("instrumentationRemoved", stopped.instrumentationRemoved());
        if (stopped.finalReport() != null) {
            reply.add("report", stopped.finalReport());
        } else {
            reply.add("note", "the final report could not be written to " + agent.reports().dir());
        }
        return reply;
    }

    private static Control.Reply notRunning() {
        return Control.Reply.error("no sockleak agent is running in pid " + ProcessHandle.current().pid()
                + " (attach first)");
    }

    private static Control.Reply describe(Control.Reply reply, Agent agent) {
        return reply.add("pid", ProcessHandle.current().pid())
                .add("agentVersion", Agent.agentVersion())
                .add("startMode", agent.mode().jsonName())
                .add("agentStartedAt", agent.startedAt())
                .add("javaVersion", Runtime.version())
                .add("dir", agent.reports().dir());
    }

    private static Control.Reply summary(Control.Reply reply, Summary s) {
        return reply.add("leaks", s.leaks())
                .add("closeWait", s.closeWait())
                .add("collectedOpen", s.collectedOpen())
                .add("untracked", s.untracked())
                .add("trackedOpen", s.trackedOpen())
                .add("unaccepted", s.unaccepted());
    }
}
