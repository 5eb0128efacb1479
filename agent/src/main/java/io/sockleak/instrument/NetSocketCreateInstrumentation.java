package io.sockleak.instrument;

import io.sockleak.bootstrap.SocketEvents;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

/**
 * {@code sun.nio.ch.Net.socket(ProtocolFamily, boolean)} and {@code serverSocket(ProtocolFamily[, boolean])}:
 * where every TCP socket's descriptor is created ({@code new Socket()}, {@code new ServerSocket()},
 * {@code SocketChannel.open()}, async channels). Out of descriptors, a client fails here, before its
 * connect, with "Too many open files". Only failures are reported; the overloads without a family
 * delegate to these, so a failure is seen once.
 */
public final class NetSocketCreateInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return named("sun.nio.ch.Net");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(CreateAdvice.class).on(isStatic()
                .and(named("socket").or(named("serverSocket")))
                .and(returns(named("java.io.FileDescriptor")))
                .and(takesArgument(0, named("java.net.ProtocolFamily")))));
    }

    static final class CreateAdvice {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                SocketEvents.failed(null, SocketEvents.OP_CREATE, null, thrown);
            }
        }
    }
}
