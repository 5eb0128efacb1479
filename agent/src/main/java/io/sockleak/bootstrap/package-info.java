/**
 * The boot bridge: the two types the instrumented JDK classes call, appended to the bootstrap class
 * path so that advice inlined into java.base can reach the agent. May reference only {@code java.*}
 * (anything else would have to be on the boot class path too); held by ArchitectureTest.
 */
package io.sockleak.bootstrap;
