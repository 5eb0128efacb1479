package io.sockleak.e2e.kernel;

import io.sockleak.e2e.kernel.apps.ScanningApp;
import io.sockleak.kernel.NetlinkVsProc;
import io.sockleak.model.LeakReport;
import io.sockleak.model.ReportJson;
import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernel view through netlink SOCK_DIAG (JDK 22+): the same rows as /proc on the same sockets,
 * chosen by the agent and named in its reports, and no restricted-method warning on the application's stderr.
 */
class NetlinkIT {

    @TempDir
    Path work;

    @Test
    void netlinkAndProcGiveTheSameRowsForTheSameSockets() {
        assumeTrue(ChildJvm.javaFeatureVersion() >= 22, "the FFM API needs JDK 22+; on 17 only /proc is read");
        ChildJvm.Result result = ChildJvm.in(work).withoutAgent()
                .classPath(System.getProperty("java.class.path"))
                .jvmArg("--add-exports=java.base/jdk.internal.access=ALL-UNNAMED")
                .main(NetlinkVsProc.class).run().assertExitCode(0);
        List<String> proc = result.stdout().lines().filter(l -> l.startsWith("PROC ")).map(l -> l.substring(5)).toList();
        List<String> netlink = result.stdout().lines().filter(l -> l.startsWith("NETLINK ")).map(l -> l.substring(8))
                .toList();
        assertEquals(proc, netlink, result.stdout());
        assertTrue(proc.size() >= 6, "listener, an established pair, a CLOSE_WAIT pair, an unaccepted one: " + proc);
        assertTrue(proc.stream().anyMatch(r -> r.contains(" CLOSE_WAIT ") && r.contains("inode=0")), proc.toString());
        assertTrue(result.stdout().contains("SOURCE netlink"), result.stdout());
        assertFalse(result.stderr().contains("WARNING"), result.stderr());
    }

    @Test
    void theAgentReadsTheTablesThroughNetlinkOn22AndSaysSoInTheReportWithoutAWordOnStderr() throws Exception {
        boolean netlink = ChildJvm.javaFeatureVersion() >= 22;
        String expected = netlink ? "netlink" : "proc"; // the FFM API needs JDK 22+; before, /proc is read
        ChildJvm.Result result = ChildJvm.in(work).agentOptions("dir=" + work.resolve("reports"))
                .main(ScanningApp.class).run().assertExitCode(0);
        assertTrue(result.stdout().contains("SOURCE " + expected), result.stdout() + result.stderr());
        try (Stream<Path> reports = Files.list(work.resolve("reports"))) {
            LeakReport report = ReportJson.read(reports.filter(p -> p.toString().endsWith("-shutdown.json"))
                    .findFirst().orElseThrow());
            assertEquals(expected, report.kernel().tableSource(), "the report says where its rows came from");
        }
        assertFalse(result.stderr().contains("WARNING"), result.stderr());
        assertFalse(result.stderr().lines().anyMatch(l -> l.contains("restricted")), result.stderr());
    }
}
