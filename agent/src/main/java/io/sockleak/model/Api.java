package io.sockleak.model;

/**
 * Which JDK API the socket belongs to: {@code leaks[].api}, {@code listeners[].api}.
 * Reports carry the JSON name as text ({@link #json()}), so that a reader keeps a value it does not
 * know (a newer agent's, a hand-written report's) instead of failing; the agent writes only these.
 */
public enum Api {
    /** Java.net.Socket or ServerSocket. */
    SOCKET("socket"),
    /** A SocketChannel or ServerSocketChannel. */
    CHANNEL("channel"),
    /** An asynchronous channel. */
    ASYNC("async"),
    /** A descriptor opened by native code (Netty's epoll, io_uring). */
    NATIVE("native"),
    /** Not known (an untracked socket). */
    UNKNOWN("unknown");

    private final String json;

    Api(String json) {
        this.json = json;
    }

    /** The value written in reports. */
    public String json() {
        return json;
    }
}
