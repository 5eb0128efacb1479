/**
 * The MXBean that exposes the counts to JMX readers and exporters. Reads a diagnosis through a
 * supplier given by the composition root; never imports {@code entry} or {@code cli}.
 */
package io.sockleak.jmx;
