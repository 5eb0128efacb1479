package io.sockleak.cli.analyse;

import io.sockleak.model.ProcessInfo;

import java.util.List;
import java.util.Objects;

/**
 * What {@code summary} says about several reports (a folder of them, one per test fork, say); the {@code --json}
 * shape. {@code summaries}: each report's own answer, oldest first; {@code processes}: distinct process runs
 * (pid + agentStartedAt); {@code hasLeaks}: any report has a leak.
 */
public record SummariesAnswer(int reports, int processes, int reportsWithLeaks, boolean hasLeaks,
                              List<SummaryAnswer> summaries) {

    static SummariesAnswer of(List<SummaryAnswer> oldestFirst) {
        long processes = oldestFirst.stream().map(SummariesAnswer::processRun).distinct().count();
        int withLeaks = (int) oldestFirst.stream().filter(SummaryAnswer::hasLeaks).count();
        return new SummariesAnswer(oldestFirst.size(), (int) processes, withLeaks, withLeaks > 0,
                List.copyOf(oldestFirst));
    }

    private static List<Object> processRun(SummaryAnswer answer) {
        ProcessInfo process = answer.process();
        return process == null ? java.util.Arrays.asList(null, answer.file())
                : List.of(Objects.toString(process.pid()), Objects.toString(process.agentStartedAt()));
    }
}
