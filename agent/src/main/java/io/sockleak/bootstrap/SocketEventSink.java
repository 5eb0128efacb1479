package io.sockleak.bootstrap;

import java.io.FileDescriptor;

/**
 * What the advice inlined into java.base reports. Implemented by the agent outside the boot class
 * path; implementations must be fast and must not throw. The pool and end-of-stream events
 * default to nothing, for sinks that only follow sockets.
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

    /** A pool starts making a connection on this thread (see {@code SocketEvents.poolConnecting}). */
    default void poolConnecting(String pool) {
    }

    /** The pool finished making {@code connection} (null when it failed). */
    default void poolConnected(Object connection) {
    }

    default void poolBorrowed(Object connection) {
    }

    default void poolReturned(Object connection) {
    }

    default void poolSocket(Object connection, Object socket, String pool) {
    }

    default void poolAlias(Object connection, Object alias, String pool) {
    }

    /** A read on {@code fd} returned end-of-stream. */
    default void endOfStreamOn(FileDescriptor fd) {
    }

    /** A read returned end-of-stream. {@code fd} is -1 when it must be read from the object. */
    default void endOfStream(Object socket, int fd) {
    }

    /** A native transport's socket opened (see {@code SocketEvents.openedFd}). */
    default void openedFd(Object owner, int fd, int kind, Object address) {
    }

    /** A native listener accepted {@code fd} (see {@code SocketEvents.acceptedFd}). */
    default void acceptedFd(Object listener, Object owner, int fd) {
    }

    /** A native transport's descriptor is about to be closed. */
    default void closedFd(int fd) {
    }

    /** A socket object was made, not yet connected (see {@code SocketEvents.socketCreated}). */
    default void socketCreated(Object socket) {
    }

    default void handoffCause(Object request) {
    }

    default void handoffBegin(Object request) {
    }

    default void handoffEnd() {
    }
}
