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
 * {@code sun.nio.ch.UnixAsynchronousSocketChannelImpl}: NIO.2 client channels and the channels an
 * asynchronous accept creates. A connect is recorded when it is started ({@code implConnect}), on the
 * application's thread, so the stack names the caller; a deferred connect completes on a pool thread.
 * A connect that fails closes the channel, which removes the record again.
 */
public final class AsyncSocketChannelInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return named("sun.nio.ch.UnixAsynchronousSocketChannelImpl");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder
                .visit(Advice.to(AcceptedAdvice.class).on(isConstructor().and(takesArguments(3))
                        .and(takesArgument(1, named("java.io.FileDescriptor")))))
                .visit(Advice.to(ConnectedAdvice.class).on(named("implConnect").and(takesArguments(3))
                        .and(takesArgument(0, named("java.net.SocketAddress")))));
    }

    static final class AcceptedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object channel, @Advice.FieldValue("fdVal") int fd,
                         @Advice.Argument(2) Object remote) {
            SocketEvents.opened(channel, fd, SocketEvents.ACCEPTED | SocketEvents.ASYNC, remote);
        }
    }

    static final class ConnectedAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object channel, @Advice.FieldValue("fdVal") int fd,
                         @Advice.Argument(0) Object remote, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                SocketEvents.opened(channel, fd, SocketEvents.CONNECTED | SocketEvents.ASYNC, remote);
            }
        }
    }
}
