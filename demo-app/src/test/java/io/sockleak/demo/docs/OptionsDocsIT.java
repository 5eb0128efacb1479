package io.sockleak.demo.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.sockleak.demo.docs.DocOutputs.Shape.EXACT;
import static io.sockleak.demo.docs.DocOutputs.Shape.LAYOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/options.md: the agent's lines about bad options, and the threshold's line, from the runs the doc names. */
class OptionsDocsIT {

    private static final Path OPTIONS_DOC = DocOutputs.doc("docs/options.md");
    private static final String AGENT = "-javaagent:agent/target/sockleak-agent.jar=";

    @TempDir
    Path work;

    @Test
    void linesAboutBadOptions() throws Exception {
        Cli.layOut(work);
        DocOutputs.check(OPTIONS_DOC, "bad-options", firstLines("dir=bad,interval=5x,threshold=-1,stackDepth=abc,"
                + "summary=maybe,colour=red,shutdownTimeout=0,interval=2m,,scanInterval=50ms", true), work, EXACT);
        DocOutputs.check(OPTIONS_DOC, "other-option-messages",
                firstLines("shutdownTimeout=2m,interval=8d,maxTracked=0,stackDepth=2000,nokey", false), work, EXACT);
        DocOutputs.check(OPTIONS_DOC, "app-packages-malformed", firstLines("appPackages=com.example:org/acme", false),
                work, EXACT);
    }

    @Test
    void theThresholdsLine() throws Exception {
        Cli.layOut(work);
        Cli.Result run = Cli.java(work, List.of(AGENT + "threshold=5,minCloseWait=0", "docs/examples/SlowLeak.java",
                "24"));
        assertEquals(0, run.exit(), run.stderr());
        List<String> reached = run.stderr().lines().filter(l -> l.contains(" reached threshold ")).toList();
        assertEquals(1, reached.size(), run.stderr());
        // How many leaks the check found first depends on when it ran.
        DocOutputs.check(OPTIONS_DOC, "threshold-reached", reached.get(0), work, LAYOUT);
    }

    /** The agent's stderr up to its start-up line (included or not) under {@code options}, the demo's list. */
    private String firstLines(String options, boolean withStartLine) throws Exception {
        Cli.Result run = Cli.java(work, List.of(AGENT + options, "-jar", "demo-app/target/sockleak-demo.jar", "list"));
        assertEquals(0, run.exit(), run.stderr());
        List<String> lines = run.stderr().lines().toList();
        int start = 0;
        while (start < lines.size() && !lines.get(start).contains(" started (premain)")) {
            start++;
        }
        return String.join("\n", lines.subList(0, withStartLine ? start + 1 : start));
    }
}
