package io.sockleak.e2e.sites;

import io.sockleak.e2e.leaks.apps.LeakScenarios;
import io.sockleak.model.LeakReport;
import io.sockleak.model.SiteEntry;
import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.OtherJdk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same application code gets the same site ids on JDK 17 and 25, and with the OpenTelemetry Java
 * agent loaded next to sockleak, so that diff and trend can compare runs and fleets.
 */
class SiteIdsIT {

    private static final String[] SCENARIOS = {"socket-connected", "socket-accepted", "channel-connected",
            "channel-accepted"};

    @TempDir
    Path work;

    /** Site id -> application frame of every leak site of the scenarios' shutdown report. */
    private Map<String, String> sites(String name, ChildJvm child) {
        Path reports = work.resolve(name);
        child.agentOptions("dir=" + reports).main(LeakScenarios.class, SCENARIOS).run().assertExitCode(0);
        LeakReport report = ChildJvm.onlyReport(reports, "shutdown");
        Map<String, String> sites = new TreeMap<>();
        for (SiteEntry site : report.sites()) {
            assertTrue(site.frame() != null && site.frame().startsWith(LeakScenarios.class.getName() + "."),
                    name + ": the application's frame, never the JDK's or an agent's: " + site);
            sites.put(site.site(), site.frame());
        }
        assertEquals(SCENARIOS.length, sites.size(), name + ": " + report.sites());
        return sites;
    }

    @Test
    void theSameCodeHasTheSameSiteIdsOnJdk17And25() {
        Path other = OtherJdk.home().orElseThrow(() -> new AssertionError("JDK " + OtherJdk.otherFeature()
                + " not found under /usr/lib/jvm: CI installs both (see .ci/run)"));
        Map<String, String> here = sites("jdk" + Runtime.version().feature(), ChildJvm.in(work));
        Map<String, String> there = sites("jdk" + OtherJdk.otherFeature(), ChildJvm.in(work).javaHome(other));
        assertEquals(here, there);
    }

    @Test
    void theOpenTelemetryAgentLoadedBesideChangesNoSiteId() {
        Path otel = Path.of(System.getProperty("sockleak.otelAgentJar", "target/otel/opentelemetry-javaagent.jar"));
        assertTrue(Files.isRegularFile(otel), "the OpenTelemetry agent jar is copied there by the build: " + otel);
        Map<String, String> alone = sites("alone", ChildJvm.in(work));
        // Exporters off: the OpenTelemetry agent instruments, but sends nothing anywhere.
        Map<String, String> withOtel = sites("otel", ChildJvm.in(work).jvmArg("-javaagent:" + otel.toAbsolutePath())
                .jvmArg("-Dotel.traces.exporter=none").jvmArg("-Dotel.metrics.exporter=none")
                .jvmArg("-Dotel.logs.exporter=none").jvmArg("-Dotel.javaagent.logging=none"));
        assertFalse(alone.isEmpty());
        assertEquals(alone, withOtel);
    }
}
