package io.sockleak.e2e.leaks;

import io.sockleak.model.Leak;
import io.sockleak.model.LeakReport;
import io.sockleak.testing.ChildJvm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A child's shutdown report together with what the child said the agent should find. */
record ChildReport(LeakReport report, Map<String, String> expectedSites, ChildJvm.Result result) {

    static ChildReport of(LeakReport report, ChildJvm.Result result) {
        Map<String, String> sites = new HashMap<>();
        result.stdout().lines().filter(l -> l.startsWith("EXPECT-SITE ")).forEach(l -> {
            String[] parts = l.split(" ", 3);
            sites.put(parts[1], parts[2]);
        });
        return new ChildReport(report, sites, result);
    }

    String expectedFrame(String name) {
        String frame = expectedSites.get(name);
        if (frame == null) {
            throw new AssertionError("child did not announce site " + name + "\n" + result.stdout());
        }
        return frame;
    }

    List<Leak> leaks(Predicate<Leak> filter) {
        return report.leaks().stream().filter(filter).toList();
    }

    String describe() {
        return "report leaks: " + report.leaks() + "\nlisteners: " + report.listeners()
                + "\nchild stdout:\n" + result.stdout() + "\nchild stderr:\n" + result.stderr();
    }
}
