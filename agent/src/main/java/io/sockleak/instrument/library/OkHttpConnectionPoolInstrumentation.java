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
 * OkHttp 4 {@code RealConnectionPool.connectionBecameIdle(RealConnection)}: the last call let go of the
 * connection and it is idle in the pool (when OkHttp decides to close it instead, the socket's own
 * close follows, so calling it returned is still right).
 */
public final class OkHttpConnectionPoolInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("okhttp3.internal.connection.RealConnectionPool");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(IdleAdvice.class).on(named("connectionBecameIdle").and(takesArguments(1))));
    }

    static final class IdleAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object connection) {
            SocketEvents.poolReturned(connection);
        }
    }
}
