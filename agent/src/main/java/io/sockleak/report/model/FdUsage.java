package io.sockleak.report.model;

/** Descriptors open in the process and its soft limit (-1: unlimited or unknown). */
public record FdUsage(int open, long limit) {
}
