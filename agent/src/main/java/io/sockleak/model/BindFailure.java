package io.sockleak.model;

import java.util.List;

/**
 * A bind that failed with "Address already in use", with what held the port at that moment.
 * {@code address} is the requested {@code ip:port}; {@code stack} starts at the JDK method the
 * application called; {@code reuseAddress} is SO_REUSEADDR of the socket whose bind failed (null if
 * it could not be read); {@code hint} says what would let the bind through.
 */
public record BindFailure(
        int port,
        String address,
        String at,
        String thread,
        List<String> stack,
        List<PortHolder> holders,
        Boolean reuseAddress,
        String hint) {

    public BindFailure {
        stack = LeakReport.listOrEmpty(stack);
        holders = LeakReport.listOrEmpty(holders);
    }
}
