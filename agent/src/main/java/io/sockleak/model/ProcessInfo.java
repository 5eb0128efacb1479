package io.sockleak.model;

/** The JVM the report describes. {@code startMode} is "premain" or "attach". */
public record ProcessInfo(
        long pid,
        String mainClass,
        String javaVersion,
        String agentVersion,
        String startMode,
        String agentStartedAt,
        FdUsage fds) {
}
