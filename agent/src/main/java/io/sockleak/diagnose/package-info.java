/**
 * Correlation and verdicts: puts the tracker's records next to the kernel snapshot
 * ({@link io.sockleak.diagnose.Correlator}) and decides which sockets are leaks and why
 * ({@link io.sockleak.diagnose.Diagnoser}). May import {@code kernel}, {@code track}, {@code model},
 * {@code support}; never {@code report}, {@code entry} or {@code cli}.
 */
package io.sockleak.diagnose;
