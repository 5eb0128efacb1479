package io.sockleak.ports;

import io.sockleak.model.FdUsage;
import io.sockleak.model.LeakReport;
import io.sockleak.model.SiteEntry;

/**
 * The one stderr line of running out of descriptors, e.g. {@code accept on 0.0.0.0:8080 failed: Too many
 * open files (1024 of 1024 descriptors open, 1019 sockets tracked, 1000 opened at Foo.serve(Foo.java:9));
 * report: ...}.
 */
final class OutOfDescriptorsLine {

    private OutOfDescriptorsLine() {
    }

    /**
     * @param failed      what failed and where, e.g. "accept on 0.0.0.0:8080"
     * @param written     the report, or null if none was asked for
     * @param problem     why no report was written, or null
     * @param notReported failures like it since the previous report, not reported because of the gap
     */
    static String of(String failed, String message, boolean systemWide, ReportOnDemand.Written written,
                     String problem, int notReported) {
        StringBuilder line = new StringBuilder(256);
        line.append(failed).append(" failed: ").append(message);
        if (written != null) {
            LeakReport report = written.report();
            FdUsage fds = report.process() == null ? null : report.process().fds();
            if (fds != null) {
                line.append(" (").append(fds.open()).append(" of ")
                        .append(fds.limit() < 0 ? "unlimited" : String.valueOf(fds.limit()))
                        .append(" descriptors open");
            } else {
                line.append(" (descriptor count unavailable");
            }
            line.append(", ").append(report.summary().trackedOpen()).append(" sockets tracked");
            if (!report.openBySite().isEmpty()) {
                SiteEntry top = report.openBySite().get(0);
                line.append(", ").append(top.count()).append(" opened at ").append(top.frame());
            }
            line.append(')');
        }
        if (systemWide) {
            line.append("; the whole system is out of file handles (fs.file-max), not only this process");
        }
        if (written != null) {
            line.append(written.path() != null ? "; report: " + written.path()
                    : "; the report could not be written yet, the agent retries");
        }
        if (problem != null) {
            line.append("; no report: ").append(problem);
        }
        if (notReported > 0) {
            line.append(" (").append(notReported).append(notReported == 1 ? " failure" : " failures")
                    .append(" like it since the previous report not reported: failureReportGap)");
        }
        return line.toString();
    }
}
