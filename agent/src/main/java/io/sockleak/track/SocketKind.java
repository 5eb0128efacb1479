package io.sockleak.track;

import io.sockleak.bootstrap.SocketEvents;

/** Decodes the kind bits the advice sends: origin (accepted, connected, listening) and api. */
public final class SocketKind {

    private SocketKind() {
    }

    public static boolean isListener(int kind) {
        return (kind & SocketEvents.ORIGIN_MASK) == SocketEvents.LISTENING;
    }

    public static String origin(int kind) {
        return switch (kind & SocketEvents.ORIGIN_MASK) {
            case SocketEvents.ACCEPTED -> "accepted";
            case SocketEvents.CONNECTED -> "connected";
            case SocketEvents.LISTENING -> "listening";
            default -> "unknown";
        };
    }

    public static String api(int kind) {
        return switch (kind & SocketEvents.API_MASK) {
            case SocketEvents.SOCKET -> "socket";
            case SocketEvents.CHANNEL -> "channel";
            case SocketEvents.ASYNC -> "async";
            case SocketEvents.NATIVE -> "native";
            default -> "unknown";
        };
    }
}
