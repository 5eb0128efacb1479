package io.sockleak.track;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.model.Api;
import io.sockleak.model.Origin;

/** Decodes the kind bits the advice sends into the report's words: {@link Origin} and {@link Api}. */
public final class SocketKind {

    private SocketKind() {
    }

    public static boolean isListener(int kind) {
        return (kind & SocketEvents.ORIGIN_MASK) == SocketEvents.LISTENING;
    }

    public static String origin(int kind) {
        return switch (kind & SocketEvents.ORIGIN_MASK) {
            case SocketEvents.ACCEPTED -> Origin.ACCEPTED.json();
            case SocketEvents.CONNECTED -> Origin.CONNECTED.json();
            case SocketEvents.LISTENING -> Origin.LISTENING.json();
            default -> Origin.UNKNOWN.json();
        };
    }

    public static String api(int kind) {
        return switch (kind & SocketEvents.API_MASK) {
            case SocketEvents.SOCKET -> Api.SOCKET.json();
            case SocketEvents.CHANNEL -> Api.CHANNEL.json();
            case SocketEvents.ASYNC -> Api.ASYNC.json();
            case SocketEvents.NATIVE -> Api.NATIVE.json();
            default -> Api.UNKNOWN.json();
        };
    }
}
