package io.sockleak.instrument;

import io.sockleak.bootstrap.SocketEvents;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import java.io.FileDescriptor;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The one place every socket descriptor is released: explicit close, the deferred close after a
 * blocked thread wakes, a selector's deregistration, interrupts, accept error paths, and the
 * Cleaner of a collected {@code java.net.Socket}. JDK 17: {@code SocketDispatcher.close};
 * JDK 20+: {@code UnixDispatcher.close}. Other descriptors pass through here too; the registry ignores them.
 */
public final class DispatcherCloseInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return named("sun.nio.ch.SocketDispatcher").or(named("sun.nio.ch.UnixDispatcher"));
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(CloseAdvice.class).on(named("close")
                .and(takesArguments(FileDescriptor.class)).and(not(isAbstract()))));
    }

    static final class CloseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) FileDescriptor fd) {
            SocketEvents.closing(fd);
        }
    }
}
