package io.sockleak.instrument;

import io.sockleak.bootstrap.SocketEvents;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * java.net.http: {@code HttpConnection.getConnection(address, client, request, version)} is where every
 * HTTP/1.1 and HTTP/2 exchange gets its connection, pooled or new, on a worker thread. It is a hand-off
 * scope for {@code request}: a new connection's {@code SocketChannel} is made inside it and connected
 * later on the selector thread, and carries the cause of the request ({@link HttpRequestImplInstrumentation}).
 * Checked against JDK 17 and 25.
 */
public final class HttpConnectionInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return named("jdk.internal.net.http.HttpConnection");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(ScopeAdvice.class).on(isStatic().and(named("getConnection"))
                .and(takesArguments(4)).and(takesArgument(2, named("jdk.internal.net.http.HttpRequestImpl")))));
    }

    static final class ScopeAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(2) Object request) {
            SocketEvents.handoffBegin(request);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit() {
            SocketEvents.handoffEnd();
        }
    }
}
