package io.sockleak.demo.docs;

import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.sockleak.demo.docs.DocOutputs.Shape.EXACT;
import static io.sockleak.demo.docs.DocOutputs.Shape.LAYOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/troubleshooting.md: the "Too many open files" line and an asynchronous accept's stack, from docs/examples. */
class TroubleshootingDocsIT {

    private static final Path DOC = DocOutputs.doc("docs/troubleshooting.md");

    @TempDir
    Path work;

    @Test
    void tooManyOpenFiles() throws Exception {
        Cli.layOut(work);
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Cli.javac(work, "Emfile");
        // As the doc runs it: (ulimit -n 80; java -javaagent:...=dir=r -cp . Emfile)
        Path log = work.resolve("emfile.log");
        Process emfile = new ProcessBuilder("sh", "-c", "ulimit -n 80 && exec \"$0\" \"$@\"",
                bin.resolve("java").toString(), "-javaagent:agent/target/sockleak-agent.jar=dir=r", "-cp", ".",
                "Emfile").directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Cli.finish(emfile, List.of("Emfile"));
        String printed = Files.readString(log);
        assertEquals(0, emfile.exitValue(), printed);
        List<String> line = printed.lines().filter(l -> l.startsWith("sockleak: socket creation failed: ")).toList();
        assertEquals(1, line.size(), printed);
        // How many descriptors the JVM had open before the sockets depends on the JDK.
        DocOutputs.check(DOC, "too-many-open-files", line.get(0), work, LAYOUT);
    }

    @Test
    void theStackOfAnAsynchronousAccept() throws Exception {
        Cli.layOut(work);
        Cli.Result run = Cli.java(work, List.of("-javaagent:agent/target/sockleak-agent.jar",
                "docs/examples/AsyncAccept.java"));
        assertEquals(0, run.exit(), run.stderr());
        Path report;
        try (Stream<Path> files = Files.list(work.resolve("sockleak-reports"))) {
            report = files.filter(f -> f.toString().endsWith("-shutdown.json")).findFirst().orElseThrow();
        }
        LeakReport read = ReportJson.read(report);
        List<Leak> async = read.leaks().stream().filter(l -> l.api().equals("async")).toList();
        assertEquals(1, async.size(), read.leaks().toString());
        DocOutputs.check(DOC, "async-accept-stack", String.join("\n", async.get(0).stack()), work, EXACT);
    }
}
