package io.sockleak.instrument;

import io.sockleak.bootstrap.SocketEvents;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import java.io.FileDescriptor;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code sun.nio.ch.NioSocketImpl}: the implementation behind {@code java.net.Socket} and
 * {@code ServerSocket} (and their TLS subclasses) on JDK 13+.
 */
public final class NioSocketImplInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return named("sun.nio.ch.NioSocketImpl");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder
                .visit(Advice.to(AcceptAdvice.class).on(named("accept")
                        .and(takesArguments(1)).and(takesArgument(0, named("java.net.SocketImpl")))))
                .visit(Advice.to(ConnectAdvice.class).on(named("connect")
                        .and(takesArguments(2)).and(takesArgument(0, named("java.net.SocketAddress")))))
                .visit(Advice.to(ListenAdvice.class).on(named("listen").and(takesArguments(int.class))))
                .visit(Advice.to(BindAdvice.class).on(named("bind")
                        .and(takesArguments(2)).and(takesArgument(0, named("java.net.InetAddress")))))
                .visit(Advice.to(ReadAdvice.class).on(named("read")
                        .and(takesArguments(byte[].class, int.class, int.class)).and(returns(int.class))));
    }

    /** The socket input stream's read: end-of-stream means the application has seen the peer's FIN. */
    static final class ReadAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object impl, @Advice.Return int n) {
            if (n == -1) {
                SocketEvents.endOfStream(impl, -1);
            }
        }
    }

    static final class AcceptAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object listener, @Advice.Argument(0) Object accepted,
                         @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                SocketEvents.opened(accepted, -1, SocketEvents.ACCEPTED | SocketEvents.SOCKET, null);
            } else {
                SocketEvents.failed(listener, SocketEvents.OP_ACCEPT, null, thrown);
            }
        }
    }

    static final class ConnectAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object impl, @Advice.Argument(0) Object remote,
                         @Advice.FieldValue("fd") FileDescriptor fd, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                SocketEvents.openedWithFd(impl, fd, SocketEvents.CONNECTED | SocketEvents.SOCKET, remote);
            } else {
                SocketEvents.failed(impl, SocketEvents.OP_CONNECT, remote, thrown);
            }
        }
    }

    static final class ListenAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object impl, @Advice.FieldValue("fd") FileDescriptor fd,
                         @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                SocketEvents.openedWithFd(impl, fd, SocketEvents.LISTENING | SocketEvents.SOCKET, null);
            }
        }
    }

    static final class BindAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object impl, @Advice.Argument(0) Object host, @Advice.Argument(1) int port,
                         @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                SocketEvents.failed(impl, SocketEvents.OP_BIND, new java.net.InetSocketAddress(
                        (java.net.InetAddress) host, port), thrown);
            }
        }
    }
}
