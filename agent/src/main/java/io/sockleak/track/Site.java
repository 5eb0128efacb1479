package io.sockleak.track;

import java.util.List;

/**
 * An allocation site: the trimmed stack that opened sockets, stored once however many sockets share
 * it. {@code id} is a hash of the frames, stable across reports and runs of the same code;
 * {@code frame} is the first frame outside the JDK and the agent.
 */
public record Site(String id, String frame, List<String> stack) {
}
