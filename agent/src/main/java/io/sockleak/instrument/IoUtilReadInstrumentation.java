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
 * {@code sun.nio.ch.IOUtil.read}: every NIO read into buffers ends in these two overloads (one buffer,
 * or scattering), for socket channels and asynchronous channels alike (same on JDK 17 and 25). Only
 * -1 is end-of-stream (the application has seen the peer's FIN): IOUtil returns the raw status, and
 * -2 (no data yet, every non-blocking read of an idle socket) and -3 (interrupted) are not. File
 * reads pass through here too; their descriptors are not in the registry.
 */
public final class IoUtilReadInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return named("sun.nio.ch.IOUtil");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder
                .visit(Advice.to(ReadAdvice.class).on(named("read").and(returns(int.class)).and(takesArguments(7))
                        .and(takesArgument(0, FileDescriptor.class))))
                .visit(Advice.to(ScatteringReadAdvice.class).on(named("read").and(returns(long.class))
                        .and(takesArguments(8)).and(takesArgument(0, FileDescriptor.class))));
    }

    static final class ReadAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) FileDescriptor fd, @Advice.Return int n) {
            if (n == -1) {
                SocketEvents.endOfStreamOn(fd);
            }
        }
    }

    static final class ScatteringReadAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) FileDescriptor fd, @Advice.Return long n) {
            if (n == -1) {
                SocketEvents.endOfStreamOn(fd);
            }
        }
    }
}
