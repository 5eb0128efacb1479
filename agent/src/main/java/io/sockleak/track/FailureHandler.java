package io.sockleak.track;

/** Told about failed binds, accepts and connects, on the thread that failed. Must not throw. */
public interface FailureHandler {

    void failed(Object socket, int operation, Object address, Throwable failure);
}
