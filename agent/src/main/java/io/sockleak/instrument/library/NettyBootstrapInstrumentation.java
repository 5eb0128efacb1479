package io.sockleak.instrument.library;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Netty's {@code AbstractBootstrap.initAndRegister()}: {@code Bootstrap.connect}, {@code Bootstrap.register}
 * (gRPC's transport) and {@code ServerBootstrap.bind} all make their channel here, on the caller's thread,
 * and then connect or bind it on the event loop. The call is a hand-off scope: the socket the channel
 * makes inside it (a JDK channel for NIO, Netty's own descriptor for epoll and io_uring) carries the
 * caller's stack to the event loop. Any Netty 4 release, shaded copies included.
 */
public final class NettyBootstrapInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("io.netty.bootstrap.AbstractBootstrap");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(ScopeAdvice.class).on(named("initAndRegister").and(takesArguments(0))));
    }

    static final class ScopeAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            SocketEvents.handoffBegin(null);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit() {
            SocketEvents.handoffEnd();
        }
    }
}
