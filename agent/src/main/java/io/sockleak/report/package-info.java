/**
 * Reports: builds the JSON report from a diagnosis and writes it (atomically, retrying, within a byte
 * budget), and the exit summary. May import the stages before it ({@code diagnose}, {@code kernel},
 * {@code track}) and the leaves; never {@code entry}, {@code jmx} or {@code cli}.
 */
package io.sockleak.report;
