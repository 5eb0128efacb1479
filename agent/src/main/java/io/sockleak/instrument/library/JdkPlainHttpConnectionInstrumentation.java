package io.sockleak.instrument.library;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * java.net.http's {@code jdk.internal.net.http.PlainHttpConnection}: its constructor opens the channel
 * ({@code chan}) that the selector thread connects later, so the channel is bound to the connection
 * (the KEY) here; a new connection is in use by the exchange that made it. The constructor takes two
 * arguments on JDK 17 and three on 25: any constructor matches.
 */
public final class JdkPlainHttpConnectionInstrumentation implements TypeInstrumentation {

    static final String POOL = "java.net.http";

    @Override
    public ElementMatcher<TypeDescription> type() {
        return named("jdk.internal.net.http.PlainHttpConnection");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(ConstructorAdvice.class).on(isConstructor()));
    }

    static final class ConstructorAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object connection, @Advice.FieldValue("chan") Object channel) {
            SocketEvents.poolSocket(connection, channel, "java.net.http");
            SocketEvents.poolBorrowed(connection);
        }
    }
}
