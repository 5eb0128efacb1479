package io.sockleak.model;

import java.util.List;

/**
 * One leak report: the public contract of the agent, written as JSON and read back by the CLI.
 * docs/report-schema.md and docs/report-schema.json describe every field.
 */
public record LeakReport(
        int schemaVersion,
        String generatedAt,
        String trigger,
        ProcessInfo process,
        AgentStatus agent,
        KernelStatus kernel,
        Summary summary,
        List<ListenerEntry> listeners,
        List<Leak> leaks,
        List<StalePooled> stalePooled,
        List<SiteEntry> sites,
        List<SiteEntry> openBySite,
        List<BindFailure> bindFailures,
        List<String> notes) {

    /** 2: leaks[] holds only leaks, each with its evidence; stalePooled[], young, frame fields added. */
    public static final int SCHEMA_VERSION = 2;

    public LeakReport {
        listeners = listOrEmpty(listeners);
        leaks = listOrEmpty(leaks);
        stalePooled = listOrEmpty(stalePooled);
        sites = listOrEmpty(sites);
        openBySite = listOrEmpty(openBySite);
        bindFailures = listOrEmpty(bindFailures);
        notes = listOrEmpty(notes);
    }

    static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
