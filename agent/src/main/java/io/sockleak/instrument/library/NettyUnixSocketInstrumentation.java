package io.sockleak.instrument.library;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code io.netty.channel.unix.Socket}, the descriptor object of Netty's native transports (epoll's and
 * io_uring's {@code LinuxSocket}, kqueue's {@code BsdSocket}): their sockets are made and connected by JNI
 * and never pass through the JDK's classes. The constructor is where a channel's socket is made (inside
 * a bootstrap's hand-off scope for clients and servers); {@code connect} is epoll's and kqueue's connect,
 * reported when it starts (a non-blocking connect in progress is a socket already; one that fails is closed,
 * see {@link NettyFileDescriptorInstrumentation}); {@code listen} makes a listener. Accepted sockets are
 * reported by {@link NettyNativeServerChannelInstrumentation}. Checked against Netty 4.2.18 and the
 * 4.2.17 that grpc-netty-shaded 1.85 carries (the same methods since 4.1).
 */
public final class NettyUnixSocketInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("io.netty.channel.unix.Socket");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder
                .visit(Advice.to(CreatedAdvice.class).on(isConstructor().and(takesArguments(int.class))))
                .visit(Advice.to(ConnectAdvice.class).on(named("connect").and(takesArguments(1))
                        .and(takesArgument(0, named("java.net.SocketAddress")))))
                .visit(Advice.to(ListenAdvice.class).on(named("listen").and(takesArguments(int.class))));
    }

    static final class CreatedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object socket) {
            SocketEvents.socketCreated(socket);
        }
    }

    static final class ConnectAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object socket, @Advice.FieldValue("fd") int fd,
                         @Advice.Argument(0) Object remote, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                SocketEvents.openedFd(socket, fd, SocketEvents.CONNECTED | SocketEvents.NATIVE, remote);
            } else {
                SocketEvents.failed(socket, SocketEvents.OP_CONNECT, remote, thrown);
            }
        }
    }

    static final class ListenAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object socket, @Advice.FieldValue("fd") int fd, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                SocketEvents.openedFd(socket, fd, SocketEvents.LISTENING | SocketEvents.NATIVE, null);
            }
        }
    }
}
