/**
 * JFR events for a running recording: each leak ({@code io.sockleak.Leak}) and the counts
 * ({@code io.sockleak.LeakCounts}), written by one periodic hook registered only once Flight
 * Recorder is initialised. Loaded only when the runtime has the jdk.jfr module. Reads a diagnosis
 * through a supplier given by the composition root; never imports {@code entry}, {@code cli},
 * {@code report} or {@code jmx}.
 */
package io.sockleak.jfr;
