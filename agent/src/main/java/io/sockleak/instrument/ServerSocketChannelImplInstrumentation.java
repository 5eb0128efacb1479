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
 * {@code sun.nio.ch.ServerSocketChannelImpl}: NIO listeners (and the channel behind
 * {@code ServerSocketAdaptor}). Accepted channels are reported by the SocketChannelImpl constructor,
 * inside {@code accept}, which is a hand-off scope for this listener: a listener a library bound for the
 * application on another thread (Netty's {@code ServerBootstrap.bind}) passes that cause to what it accepts.
 * The listener made by {@code ServerSocketChannel.open()} (two-argument constructor) is reported as made.
 */
public final class ServerSocketChannelImplInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return named("sun.nio.ch.ServerSocketChannelImpl");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder
                .visit(Advice.to(CreatedAdvice.class).on(isConstructor().and(takesArguments(2))
                        .and(takesArgument(0, named("java.nio.channels.spi.SelectorProvider")))))
                .visit(Advice.to(AcceptScopeAdvice.class).on(named("accept").and(takesArguments(0))
                        .or(named("blockingAccept").and(takesArguments(long.class)))))
                .visit(Advice.to(BindAdvice.class).on(named("bind").and(takesArguments(2))
                        .and(takesArgument(0, named("java.net.SocketAddress")))))
                .visit(Advice.to(AcceptAdvice.class).on(named("accept").and(takesArguments(0))
                        .or(named("blockingAccept").and(takesArguments(long.class)))));
    }

    static final class BindAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object channel, @Advice.FieldValue("fdVal") int fd,
                         @Advice.FieldValue("localAddress") Object local,
                         @Advice.Argument(0) Object requested, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                SocketEvents.opened(channel, fd, SocketEvents.LISTENING | SocketEvents.CHANNEL, local);
            } else {
                SocketEvents.failed(channel, SocketEvents.OP_BIND, requested, thrown);
            }
        }
    }

    static final class CreatedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object channel) {
            SocketEvents.socketCreated(channel);
        }
    }

    static final class AcceptScopeAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object listener) {
            SocketEvents.handoffBegin(listener);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit() {
            SocketEvents.handoffEnd();
        }
    }

    static final class AcceptAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object channel, @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                SocketEvents.failed(channel, SocketEvents.OP_ACCEPT, null, thrown);
            }
        }
    }
}
