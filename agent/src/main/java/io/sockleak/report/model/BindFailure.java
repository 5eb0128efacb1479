package io.sockleak.report.model;

import java.util.List;

/** A bind that failed with "Address already in use", with what held the port at that moment. */
public record BindFailure(
        int port,
        String address,
        String at,
        String thread,
        List<String> stack,
        List<PortHolder> holders,
        String hint) {

    public BindFailure {
        stack = LeakReport.listOrEmpty(stack);
        holders = LeakReport.listOrEmpty(holders);
    }
}
