package io.sockleak.model;

/**
 * Whether the kernel's view could be read ({@code reason} says why not), how long it took, and where
 * the TCP tables came from: {@code netlink} (SOCK_DIAG, JDK 22+) or {@code proc} (/proc/net/tcp*).
 */
public record KernelStatus(boolean available, String reason, Long scanMillis, String tableSource) {
}
