package io.sockleak.demo.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.sockleak.demo.docs.DocOutputs.Shape.EXACT;
import static io.sockleak.demo.docs.DocOutputs.Shape.LAYOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/attach.md's session, run on docs/examples/SlowLeak.java: its first attach is the README's, and the target's
 * stderr holds the JDK's dynamic-load warning that attach.md and troubleshooting.md show (JDK 21 and later).
 */
class AttachDocsIT {

    private static final String NOTE = "^sockleak attach: note: .*";
    private static final String AGENT_JAR_PATH = "\\(/\\S*sockleak-agent\\S*\\.jar\\)";

    @TempDir
    Path work;

    @Test
    void theSessionOfAttachMd() throws Exception {
        Cli.layOut(work);
        Cli.javac(work, "SlowLeak");
        // The doc's commands run in a folder with the jar: java -jar sockleak-agent.jar ...
        Files.createSymbolicLink(work.resolve("sockleak-agent.jar"), Cli.agentJar());
        Path targetLog = work.resolve("target.txt");
        Process target = Cli.start(work, targetLog, List.of("-cp", ".", "SlowLeak", "240"));
        try {
            String pid = Long.toString(target.pid());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Cli.run(work, "list").stdout().lines().noneMatch(l -> l.startsWith(pid + " "))) {
                assertTrue(target.isAlive() && System.nanoTime() < deadline, "SlowLeak did not come up");
            }
            // Before any attach, whose listener is an AF_UNIX socket too.
            DocOutputs.check(DocOutputs.doc("docs/troubleshooting.md"), "fd-not-tcp", unixSockets(pid), work,
                    LAYOUT);
            StringBuilder session = new StringBuilder();
            String attach = step(session, 0, "attach", pid, "dir=reports");
            // The README shows the attach's stdout: the note about the JDK's warning is on stderr.
            DocOutputs.check(DocOutputs.doc("README.md"), "attach", String.join("\n",
                    attach.lines().filter(l -> !l.matches(NOTE)).toList()), work, EXACT);
            step(session, 0, "dump", pid);
            step(session, 0, "attach", pid, "interval=10m,threshold=20");
            step(session, 0, "stop", pid);
            step(session, 1, "dump", pid);
            step(session, 0, "attach", "SlowLeak");
            step(session, 0, "stop", "SlowLeak");
            boolean warns = Runtime.version().feature() >= 21;
            // The doc's session ran on Temurin 25; before JDK 21 there is no warning to note.
            DocOutputs.check(DocOutputs.doc("docs/attach.md"), "attach-session", session.toString(), work, LAYOUT,
                    warns ? new String[0] : new String[] {NOTE, "..."});

            List<String> warning = Files.readAllLines(targetLog).stream().filter(l -> l.startsWith("WARNING: "))
                    .toList();
            if (warns) {
                for (String doc : List.of("docs/attach.md", "docs/troubleshooting.md")) {
                    DocOutputs.check(DocOutputs.doc(doc), "dynamic-load-warning", String.join("\n", warning), work,
                            EXACT, AGENT_JAR_PATH, "(<the agent jar>)");
                }
            } else {
                assertFalse(warning.stream().anyMatch(l -> l.contains("loaded dynamically")), warning.toString());
            }
        } finally {
            target.destroyForcibly();
            target.onExit().join();
        }
    }

    /** {@code ss -xp | grep 'pid=PID,'}: the AF_UNIX sockets of process PID. */
    private String unixSockets(String pid) throws Exception {
        Path out = work.resolve("ss.txt");
        Process ss = new ProcessBuilder("ss", "-xp").redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Cli.finish(ss, List.of("ss -xp"));
        assertEquals(0, ss.exitValue(), Files.readString(out));
        return "$ ss -xp | grep 'pid=" + pid + ",'\n" + String.join("\n", Files.readAllLines(out).stream()
                .filter(l -> l.contains("pid=" + pid + ",")).toList());
    }

    /** Runs {@code java -jar sockleak-agent.jar ARGS}, adds it to the session as the doc shows it; its output. */
    private String step(StringBuilder session, int exit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("-jar", "sockleak-agent.jar"));
        command.addAll(List.of(args));
        Cli.Result result = Cli.transcript(work, command);
        assertEquals(exit, result.exit(), String.join(" ", args) + ":\n" + result.stdout());
        session.append("$ java -jar sockleak-agent.jar ").append(String.join(" ", args)).append('\n')
                .append(result.stdout());
        return result.stdout();
    }
}
