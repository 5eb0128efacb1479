package io.sockleak.cli.attach;

import io.sockleak.entry.Control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * Sends one command to the agent in a running JVM: attach, check, loadAgent with the reserved keys,
 * read the answer the agent wrote into a file this side created (owner-only), clean up.
 */
final class ControlClient {

    /** What came back, and what the CLI learned about the target on the way. */
    record Outcome(Control.Reply reply, long millis, int javaFeature, String javaVersion, String mainClass,
                   boolean agentWasRunning, boolean dynamicLoadWarning) {
    }

    private ControlClient() {
    }

    static Outcome send(long pid, Control.Command command, String options) throws AttachFailure {
        long start = System.nanoTime();
        AttachSupport.require();
        TargetProcess target = TargetProcess.inspect(pid);
        target.requireAttachable();
        Path jar = AgentJar.locate();
        try (HotSpotAttach vm = HotSpotAttach.open(pid)) {
            Properties system = vm.systemProperties();
            String version = system.getProperty("java.version", "?");
            int feature = feature(system.getProperty("java.specification.version"));
            if (feature > 0 && feature < 17) {
                throw new AttachFailure("pid " + pid + " runs Java " + version + "; the agent needs Java 17 or later");
            }
            boolean running = system.getProperty(Control.STATE_PROPERTY) != null;
            if (command != Control.Command.ATTACH && !running) {
                throw new AttachFailure("no sockleak agent is running in pid " + pid + " (attach first)");
            }
            String jvmArgs = vm.agentProperties().getProperty("sun.jvm.args", "");
            if (jvmArgs.contains("-XX:-EnableDynamicAgentLoading")
                    && !jvmArgs.contains("-XX:+EnableDynamicAgentLoading")) {
                throw new AttachFailure(TargetProcess.dynamicLoadingDisabled(pid));
            }
            String command0 = system.getProperty("sun.java.command", "");
            String main = command0.isBlank() ? null : command0.split(" ", 2)[0];
            boolean warning = feature >= 21 && !jvmArgs.contains("-XX:+EnableDynamicAgentLoading")
                    && !Boolean.TRUE.equals(target.dynamicAgentLoading());
            Path replyFile = replyFile(target);
            try {
                vm.loadAgent(jar.toString(), Control.arguments(command, replyFile, options));
                String text = Files.readString(replyFile, StandardCharsets.UTF_8);
                Control.Reply reply = text.isBlank()
                        ? Control.Reply.error("the agent in pid " + pid + " did not answer; look for lines starting"
                        + " with 'sockleak:' on that JVM's stderr")
                        : Control.Reply.parse(text);
                return new Outcome(reply, (System.nanoTime() - start) / 1_000_000, feature, version, main, running,
                        warning);
            } catch (IOException e) {
                throw new AttachFailure("cannot read the agent's answer from " + replyFile + ": " + e.getMessage());
            } finally {
                try {
                    Files.deleteIfExists(replyFile);
                } catch (IOException ignored) {
                    // a stray empty file in the temp folder
                }
            }
        }
    }

    /**
     * An empty file only this user can read, which the target's agent writes its answer into. When
     * root attaches to another user's JVM, the file is given to that user, who writes it.
     */
    private static Path replyFile(TargetProcess target) throws AttachFailure {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
        if (tmp.toString().contains(",") || tmp.toString().contains("=")) {
            tmp = Path.of("/tmp");
        }
        try {
            Path file = tmp.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(tmp, "sockleak-reply-", ".txt",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(tmp, "sockleak-reply-", ".txt");
            file = file.toAbsolutePath();
            if (TargetProcess.currentUid() == TargetProcess.ROOT && target.uid() > 0) {
                Files.setOwner(file, Files.getOwner(Path.of("/proc", Long.toString(target.pid()))));
            }
            return file;
        } catch (IOException | UnsupportedOperationException e) {
            throw new AttachFailure("cannot create the answer file in " + tmp + ": " + e.getMessage());
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
