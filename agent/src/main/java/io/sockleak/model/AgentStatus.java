package io.sockleak.model;

/**
 * The agent's own health: errors swallowed inside advice, sockets not tracked because the registry
 * was full, and the settings that shaped this report.
 */
public record AgentStatus(
        long errors,
        String lastError,
        int maxTracked,
        long droppedUntracked,
        int trackedListeners,
        int stackDepth,
        int sitesInterned,
        String options) {
}
