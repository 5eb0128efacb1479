package io.sockleak.model;

/** Descriptors open in the process and its soft limit (-1: unlimited, -2: unknown). */
public record FdUsage(int open, long limit) {
}
