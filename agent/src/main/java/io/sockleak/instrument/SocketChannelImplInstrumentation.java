package io.sockleak.instrument;

import io.sockleak.bootstrap.SocketEvents;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code sun.nio.ch.SocketChannelImpl}: NIO client channels and channels returned by accept (also the
 * channel behind a channel's {@code socket()} adaptor). Connects of every flavour (blocking,
 * non-blocking, timed by the adaptor) end in {@code endConnect} or {@code endFinishConnect}. A read's
 * end-of-stream is seen in {@link IoUtilReadInstrumentation}, an adaptor's here. A channel made by
 * {@code SocketChannel.open()} (the two-argument constructor; the four-argument one is accept's) is
 * reported as made, for hand-off scopes: Netty makes it in {@code Bootstrap.connect} on the caller's
 * thread and connects it on its event loop.
 */
public final class SocketChannelImplInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return named("sun.nio.ch.SocketChannelImpl");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder
                .visit(Advice.to(CreatedAdvice.class).on(isConstructor().and(takesArguments(2))
                        .and(takesArgument(0, named("java.nio.channels.spi.SelectorProvider")))))
                .visit(Advice.to(AcceptedAdvice.class).on(isConstructor().and(takesArguments(4))
                        .and(takesArgument(2, named("java.io.FileDescriptor")))))
                .visit(Advice.to(ConnectedAdvice.class).on(named("endConnect").or(named("endFinishConnect"))
                        .and(takesArguments(boolean.class, boolean.class))))
                .visit(Advice.to(BindAdvice.class).on(named("bind").and(takesArguments(1))
                        .and(takesArgument(0, named("java.net.SocketAddress")))))
                .visit(Advice.to(AdaptorReadAdvice.class).on(named("blockingRead")
                        .and(takesArguments(byte[].class, int.class, int.class, long.class))));
    }

    /** The socket adaptor's reads go around IOUtil: their end-of-stream is seen here. */
    static final class AdaptorReadAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object channel, @Advice.FieldValue("fdVal") int fd, @Advice.Return int n) {
            if (n == -1) {
                SocketEvents.endOfStream(channel, fd);
            }
        }
    }

    static final class CreatedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object channel) {
            SocketEvents.socketCreated(channel);
        }
    }

    static final class AcceptedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object channel, @Advice.FieldValue("fdVal") int fd,
                         @Advice.Argument(3) Object remote) {
            SocketEvents.opened(channel, fd, SocketEvents.ACCEPTED | SocketEvents.CHANNEL, remote);
        }
    }

    static final class ConnectedAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object channel, @Advice.FieldValue("fdVal") int fd,
                         @Advice.FieldValue("remoteAddress") Object remote,
                         @Advice.Argument(1) boolean completed, @Advice.Thrown Throwable thrown) {
            if (thrown == null && completed) {
                SocketEvents.opened(channel, fd, SocketEvents.CONNECTED | SocketEvents.CHANNEL, remote);
            }
        }
    }

    static final class BindAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object channel, @Advice.Argument(0) Object local,
                         @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                SocketEvents.failed(channel, SocketEvents.OP_BIND, local, thrown);
            }
        }
    }
}
