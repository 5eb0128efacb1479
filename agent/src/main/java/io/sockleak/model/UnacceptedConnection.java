package io.sockleak.model;

/** A connection the kernel completed on a listener that the application never accepted. */
public record UnacceptedConnection(String remote, String state, long rxQueue) {
}
