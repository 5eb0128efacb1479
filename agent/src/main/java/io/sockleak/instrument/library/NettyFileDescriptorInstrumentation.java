package io.sockleak.instrument.library;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code io.netty.channel.unix.FileDescriptor.markClosed()}: the one step every close of a Netty native
 * descriptor takes ({@code close()} for epoll and kqueue, io_uring's asynchronous close). It returns true
 * once per descriptor, to the one caller that really closes it, and before the number is released: so
 * the record goes exactly once and can never hit a socket that reused the number.
 */
public final class NettyFileDescriptorInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("io.netty.channel.unix.FileDescriptor");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(MarkClosedAdvice.class).on(named("markClosed").and(takesArguments(0))
                .and(returns(boolean.class))));
    }

    static final class MarkClosedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.FieldValue("fd") int fd, @Advice.Return boolean closing) {
            if (closing) {
                SocketEvents.closedFd(fd);
            }
        }
    }
}
