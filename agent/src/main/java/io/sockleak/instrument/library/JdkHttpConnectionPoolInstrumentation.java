package io.sockleak.instrument.library;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

/**
 * java.net.http's {@code jdk.internal.net.http.ConnectionPool} (HTTP/1.1 connections; same names on
 * JDK 17 and 25): {@code getConnection(boolean, InetSocketAddress, InetSocketAddress)} lends a pooled
 * connection (null when none), {@code returnToPool(HttpConnection, ...)} takes one back idle.
 */
public final class JdkHttpConnectionPoolInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return named("jdk.internal.net.http.ConnectionPool");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder
                .visit(Advice.to(GetAdvice.class).on(named("getConnection")))
                .visit(Advice.to(ReturnAdvice.class).on(named("returnToPool")
                        .and(takesArgument(0, named("jdk.internal.net.http.HttpConnection")))));
    }

    static final class GetAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object connection) {
            SocketEvents.poolBorrowed(connection);
        }
    }

    /** On entry: once back in the pool, another thread may take it at once, and its borrow must come after. */
    static final class ReturnAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object connection) {
            SocketEvents.poolReturned(connection);
        }
    }
}
