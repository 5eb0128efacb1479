package io.sockleak.model;

/** Whether the kernel's view (/proc) could be read; {@code reason} says why not. */
public record KernelStatus(boolean available, String reason, Long scanMillis) {
}
