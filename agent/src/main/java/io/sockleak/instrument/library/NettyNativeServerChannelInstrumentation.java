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

/**
 * The TCP server channels of Netty's native transports ({@code EpollServerSocketChannel},
 * {@code IoUringServerSocketChannel}, {@code KQueueServerSocketChannel}): {@code newChildChannel(int fd, ...)}
 * wraps every accepted descriptor in its channel, on the event loop (io_uring accepts through its ring,
 * not through {@code Socket.accept}, so this is the one place both see). The child channel is the owner;
 * the server channel's {@code socket} field names the listener, whose cause the child inherits.
 * UNIX-domain server channels are other classes and stay out.
 */
public final class NettyNativeServerChannelInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("io.netty.channel.epoll.EpollServerSocketChannel")
                .or(LibraryTypes.namedOrShaded("io.netty.channel.uring.IoUringServerSocketChannel"))
                .or(LibraryTypes.namedOrShaded("io.netty.channel.kqueue.KQueueServerSocketChannel"));
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(ChildAdvice.class).on(named("newChildChannel")
                .and(takesArgument(0, int.class))));
    }

    static final class ChildAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.FieldValue(value = "socket", typing = Assigner.Typing.DYNAMIC) Object listener,
                         @Advice.Argument(0) int fd,
                         @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object child) {
            SocketEvents.acceptedFd(listener, child, fd);
        }
    }
}
