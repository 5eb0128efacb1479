package io.sockleak.instrument.library;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Netty 4.2's io_uring channels connect through the ring, not through {@code Socket.connect}:
 * {@code AbstractIoUringChannel.submitConnect(InetSocketAddress)} queues the connect on the event loop,
 * the counterpart of epoll's {@code connect} starting. The owner is the channel's {@code socket}; its
 * descriptor number is read from it by the registry ({@code intValue()}), as the advice cannot name
 * Netty's types. A connect that fails closes the socket again. Checked against Netty 4.2.18.
 */
public final class NettyIoUringChannelInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("io.netty.channel.uring.AbstractIoUringChannel");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(SubmitConnectAdvice.class).on(named("submitConnect").and(takesArguments(1))
                .and(takesArgument(0, named("java.net.InetSocketAddress")))));
    }

    static final class SubmitConnectAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.FieldValue(value = "socket", typing = Assigner.Typing.DYNAMIC) Object socket,
                         @Advice.Argument(0) Object remote) {
            SocketEvents.openedFd(socket, -1, SocketEvents.CONNECTED | SocketEvents.NATIVE, remote);
        }
    }
}
