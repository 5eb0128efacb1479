package io.sockleak.instrument;

import io.sockleak.bootstrap.SocketEvents;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * java.net.http: {@code HttpClientImpl.sendAsync} (which {@code send} calls too) makes the request's
 * internal copy with {@code new HttpRequestImpl(HttpRequest, ProxySelector)} on the caller's thread, and
 * nothing else does. Its stack is the cause of the connection a worker thread may open for that request
 * later ({@link HttpConnectionInstrumentation}). Redirects make other copies, on the worker: a connection
 * opened for a redirect is not linked. Checked against JDK 17 and 25.
 */
public final class HttpRequestImplInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return named("jdk.internal.net.http.HttpRequestImpl");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(CauseAdvice.class).on(isConstructor().and(takesArguments(2))
                .and(takesArgument(0, named("java.net.http.HttpRequest")))
                .and(takesArgument(1, named("java.net.ProxySelector")))));
    }

    static final class CauseAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object request) {
            SocketEvents.handoffCause(request);
        }
    }
}
