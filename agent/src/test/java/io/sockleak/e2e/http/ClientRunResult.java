package io.sockleak.e2e.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.Poll;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One client app run under the agent against the upstream, and the reports it produced: the dump
 * taken while its connections sat in CLOSE_WAIT, an interval report written after that, the threshold
 * reports and the shutdown report.
 */
record ClientRunResult(int closeWait, String pooled, JsonNode dump, JsonNode laterInterval, List<JsonNode> all,
                       JsonNode shutdown, ChildJvm.Result child) {

    /** Options for tests that are not about timing: decide at first sight, report often, fire at one leak. */
    static final String OPTIONS = ",minCloseWait=0,interval=500ms,scanInterval=500ms,threshold=1";

    static ClientRunResult run(Path work, Class<?> app, int upstreamPort, String mode, int count) {
        Path reports = work.resolve("reports-" + mode);
        ChildJvm.Started jvm = ChildJvm.in(work).agentOptions("dir=" + reports + OPTIONS)
                .main(app, String.valueOf(upstreamPort), mode, String.valueOf(count))
                .timeout(Duration.ofSeconds(120)).start();
        int closeWait = Integer.parseInt(Lines.await(jvm, "CLOSE_WAIT ", Duration.ofSeconds(90)).substring(11));
        String pooled = Lines.await(jvm, "POOLED ", Duration.ofSeconds(30)).substring(7);
        String dumpPath = Lines.await(jvm, "DUMPED ", Duration.ofSeconds(30)).substring(7);
        String dumpName = Path.of(dumpPath).getFileName().toString();
        // An interval report written after the dump sees the same CLOSE_WAIT sockets through the monitor.
        Poll.until("an interval report after the dump", Duration.ofSeconds(15), () -> Reports.in(reports).stream()
                .anyMatch(r -> r.path("trigger").asText().equals("interval")
                        && r.path("_file").asText().compareTo(dumpName) > 0));
        jvm.tell("exit");
        ChildJvm.Result child = jvm.await().assertExitCode(0);
        List<JsonNode> all = Reports.in(reports);
        JsonNode dump = all.stream().filter(r -> r.path("_file").asText().equals(dumpName)).findFirst().orElseThrow();
        JsonNode interval = all.stream().filter(r -> r.path("trigger").asText().equals("interval")
                && r.path("_file").asText().compareTo(dumpName) > 0).findFirst().orElseThrow();
        List<JsonNode> shutdown = Reports.withTrigger(all, "shutdown");
        if (shutdown.size() != 1) {
            throw new AssertionError("expected one shutdown report, found " + shutdown.size() + "\n" + Reports.describe(all));
        }
        return new ClientRunResult(closeWait, pooled, dump, interval, all, shutdown.get(0), child);
    }

    String describe() {
        return "CLOSE_WAIT seen by the app: " + closeWait + ", pool membership " + pooled + "\n" + Reports.describe(all)
                + "child stdout:\n" + child.stdout() + "\nchild stderr:\n" + child.stderr();
    }
}
