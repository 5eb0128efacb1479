package io.sockleak.bootstrap;

import java.io.FileDescriptor;

/**
 * What the advice inlined into java.base reports. Implemented by the agent outside the boot class
 * path; implementations must be fast and must not throw.
 */
public interface SocketEventSink {

    /** A socket became connected, accepted or listening. {@code fd} is -1 when it must be read from the object. */
    void opened(Object socket, int fd, int kind, Object address);

    /** Like {@link #opened} for objects whose descriptor is only known as a {@link FileDescriptor}. */
    void openedWithFd(Object socket, FileDescriptor fd, int kind, Object address);

    /** A socket descriptor is about to be released (the JDK's single close point). */
    void closing(FileDescriptor fd);

    /** An operation failed: bind, accept, connect or socket creation ({@code operation} is one of the {@code SocketEvents.OP_} values). */
    void failed(Object socket, int operation, Object address, Throwable failure);
}
