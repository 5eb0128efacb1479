package io.sockleak.cli.attach;

import io.sockleak.control.Request;
import io.sockleak.control.Reply;
import io.sockleak.control.ReplyKey;
import io.sockleak.control.ControlCommand;
import io.sockleak.control.ControlNames;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Sends one command to the agent in a running JVM: attach and check; then, when the agent was loaded
 * before and opened its control MBean, send the command through the JVM's local JMX connector
 * ({@link JmxChannel}: no new agent load, so no new JDK warning in the application's log); otherwise
 * loadAgent with the reserved keys, read the answer file the agent created under the random name this
 * side chose, clean up.
 */
final class ControlClient {

    /** What came back, and what the CLI learned about the target on the way. */
    record Outcome(Reply reply, long millis, int javaFeature, String javaVersion, String mainClass,
                   boolean dynamicLoadWarning, boolean otherRoot, String channelNote) {
    }

    private ControlClient() {
    }

    /**
     * Sends the command and tells on {@code err}, as one line, why it could not be done: returns the
     * outcome when the agent answered OK, null otherwise (the command then exits 1).
     */
    static Outcome sendOrExplain(String commandName, long pid, ControlCommand command, String options,
                                 PrintStream err) {
        Outcome outcome;
        try {
            outcome = send(pid, command, options);
        } catch (AttachFailure f) {
            err.println("sockleak " + commandName + ": " + f.getMessage());
            return null;
        }
        if (outcome.channelNote() != null) {
            err.println("sockleak " + commandName + ": note: " + outcome.channelNote());
        }
        if (!outcome.reply().isOk()) {
            err.println("sockleak " + commandName + ": " + outcome.reply().first(ReplyKey.MESSAGE));
            return null;
        }
        return outcome;
    }

    static Outcome send(long pid, ControlCommand command, String options) throws AttachFailure {
        long start = System.nanoTime();
        AttachSupport.require();
        TargetProcess target = TargetProcess.inspect(pid);
        target.requireAttachable();
        TargetView view = TargetView.of(target);
        Path jar = AgentJar.locate();
        try (HotSpotAttach vm = open(target, view)) {
            Properties system = vm.systemProperties();
            String version = system.getProperty("java.version", "?");
            int feature = feature(system.getProperty("java.specification.version"));
            if (feature > 0 && feature < 17) {
                throw new AttachFailure("pid " + pid + " runs Java " + version + "; the agent needs Java 17 or later");
            }
            boolean running = system.getProperty(ControlNames.STATE_PROPERTY) != null;
            if (command != ControlCommand.ATTACH && !running) {
                throw new AttachFailure("no sockleak agent is running in pid " + pid + " (attach first)");
            }
            String javaCommand = system.getProperty("sun.java.command", "");
            String main = javaCommand.isBlank() ? null : javaCommand.split(" ", 2)[0];
            String channelNote = null;
            if (system.getProperty(ControlNames.CHANNEL_PROPERTY) != null) {
                if (JmxChannel.available()) {
                    try {
                        Reply reply = JmxChannel.send(vm, pid, Request.arguments(command, null, options));
                        return new Outcome(reply, (System.nanoTime() - start) / 1_000_000, feature, version, main,
                                false, target.otherMountNamespace(), null);
                    } catch (JmxChannel.Unavailable u) {
                        channelNote = "could not reach the agent in pid " + pid + " through JMX (" + u.getMessage()
                                + "): loading it again instead";
                    }
                } else {
                    channelNote = "this Java runtime has no java.management.rmi module to reach the agent in pid "
                            + pid + " through JMX: loading it again instead";
                }
            } else if (running) {
                channelNote = "the agent in pid " + pid + " has no JMX control channel (no java.management module"
                        + " there, or started by -javaagent moments ago): loading it again instead";
            }
            String jvmArgs = vm.agentProperties().getProperty("sun.jvm.args", "");
            if (jvmArgs.contains("-XX:-EnableDynamicAgentLoading")
                    && !jvmArgs.contains("-XX:+EnableDynamicAgentLoading")) {
                throw new AttachFailure(TargetProcess.dynamicLoadingDisabled(pid));
            }
            boolean warning = feature >= 21 && !jvmArgs.contains("-XX:+EnableDynamicAgentLoading")
                    && !Boolean.TRUE.equals(target.dynamicAgentLoading());
            try (TmpDir tmp = view.openTmp()) {
                String replyName = TargetView.replyName();
                try {
                    try (TargetView.AgentJarCopy agent = view.jar(jar, tmp)) {
                        vm.loadAgent(agent.there(), Request.arguments(command, Path.of(view.there(tmp, replyName)),
                                options));
                    }
                    String text = view.readReply(tmp, replyName);
                    Reply reply = text == null || text.isBlank()
                            ? TargetView.noAnswer(pid)
                            : Reply.parse(text);
                    return new Outcome(reply, (System.nanoTime() - start) / 1_000_000, feature, version, main,
                            warning, target.otherMountNamespace(), channelNote);
                } finally {
                    tmp.delete(replyName);
                }
            }
        }
    }

    private static HotSpotAttach open(TargetProcess target, TargetView view) throws AttachFailure {
        long pid = target.pid();
        try {
            // The Attach API signals the pid: make sure, right before, that it is still the JVM inspected.
            target.requireSameJvm();
            return HotSpotAttach.open(pid);
        } catch (AttachFailure f) {
            if (view.hasOwnTmp() && f.getMessage().contains("did not answer")) {
                throw new AttachFailure("pid " + pid + " has its own /tmp (systemd PrivateTmp= or a container), where"
                        + " the attach handshake happens, and the attach API of this Java (" + Runtime.version()
                        + ") did not look for it there: run this command with a newer JDK (25 does), or inside that"
                        + " JVM's mount namespace (nsenter -m -t PID)");
            }
            throw f;
        }
    }

    static int feature(String specificationVersion) {
        if (specificationVersion == null) {
            return -1;
        }
        try {
            String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
            return Integer.parseInt(v.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
