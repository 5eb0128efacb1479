package io.sockleak.instrument;

import io.sockleak.bootstrap.SocketEvents;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import java.io.FileDescriptor;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code sun.nio.ch.AsynchronousServerSocketChannelImpl}: NIO.2 listeners. {@code bind} is final in
 * this abstract base class, so the descriptor comes from its {@code fd} field.
 */
public final class AsyncServerSocketChannelInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return named("sun.nio.ch.AsynchronousServerSocketChannelImpl");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(BindAdvice.class).on(named("bind").and(takesArguments(2))
                .and(takesArgument(0, named("java.net.SocketAddress")))));
    }

    static final class BindAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object channel, @Advice.FieldValue("fd") FileDescriptor fd,
                         @Advice.FieldValue("localAddress") Object local,
                         @Advice.Argument(0) Object requested, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                SocketEvents.openedWithFd(channel, fd, SocketEvents.LISTENING | SocketEvents.ASYNC, local);
            } else {
                SocketEvents.failed(channel, SocketEvents.OP_BIND, requested, thrown);
            }
        }
    }
}
