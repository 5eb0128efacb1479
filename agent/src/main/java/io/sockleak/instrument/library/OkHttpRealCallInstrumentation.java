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
 * OkHttp 4 {@code RealCall.acquireConnectionNoEvents(RealConnection)}: a call takes a connection, a
 * pooled one or the one it just made (OkHttp calls it for both), so this is the borrow.
 */
public final class OkHttpRealCallInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("okhttp3.internal.connection.RealCall");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(AcquireAdvice.class).on(named("acquireConnectionNoEvents").and(takesArguments(1))));
    }

    static final class AcquireAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object connection) {
            SocketEvents.poolBorrowed(connection);
        }
    }
}
