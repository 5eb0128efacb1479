/**
 * A stage of its own: explains "Address already in use" and "Too many open files" as they happen, on
 * its own thread, from its own reads of /proc. Asks for a report only through
 * {@link io.sockleak.ports.ReportOnDemand}; never imports {@code report}, {@code entry} or {@code cli}.
 */
package io.sockleak.ports;
