package io.sockleak.ports;

import io.sockleak.model.LeakReport;
import io.sockleak.model.Trigger;

import java.nio.file.Path;

/**
 * How this stage asks for a report when the process runs out of descriptors, without knowing who
 * builds and writes it (the composition root connects it to the report service).
 */
@FunctionalInterface
public interface ReportOnDemand {

    /** Builds and writes a report now. */
    Written report(Trigger trigger);

    /** What the report held, and where it went (null when it could not be written yet). */
    record Written(LeakReport report, Path path) {
    }
}
