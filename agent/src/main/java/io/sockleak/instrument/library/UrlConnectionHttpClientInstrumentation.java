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
 * The JDK's {@code sun.net.www.http.HttpClient} (behind HttpURLConnection; same on JDK 17 and 25):
 * {@code openServer()} opens its socket on the caller's thread; the HttpClient is the KEY the
 * keep-alive cache holds, and the new one is in use by the request that made it.
 */
public final class UrlConnectionHttpClientInstrumentation implements TypeInstrumentation {

    static final String POOL = "HttpURLConnection keep-alive";

    @Override
    public ElementMatcher<TypeDescription> type() {
        return named("sun.net.www.http.HttpClient");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(OpenServerAdvice.class).on(named("openServer").and(takesArguments(0))));
    }

    static final class OpenServerAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            SocketEvents.poolConnecting("HttpURLConnection keep-alive");
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object http, @Advice.Thrown Throwable thrown) {
            SocketEvents.poolConnected(thrown == null ? http : null);
            if (thrown == null) {
                SocketEvents.poolBorrowed(http);
            }
        }
    }
}
