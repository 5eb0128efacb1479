package io.sockleak.track;

import java.util.List;

/**
 * An allocation site: the trimmed stack that opened sockets, stored once however many sockets share
 * it. {@code id} is a hash of the frames outside the JDK and agents, so the same code gets the same id
 * in every run, on every JDK, with or without other agents; {@code frame} is the application's frame
 * and {@code libraryFrame} the library frame that called the JDK ({@link FrameRule}).
 */
public record Site(String id, String frame, String libraryFrame, List<String> stack) {
}
