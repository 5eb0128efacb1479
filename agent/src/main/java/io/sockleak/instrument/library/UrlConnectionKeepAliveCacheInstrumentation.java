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
 * The JDK's {@code sun.net.www.http.KeepAliveCache}: {@code put(URL, Object, HttpClient)} takes an idle
 * connection back, {@code get(URL, Object)} lends one out (null when none).
 */
public final class UrlConnectionKeepAliveCacheInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return named("sun.net.www.http.KeepAliveCache");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder
                .visit(Advice.to(PutAdvice.class).on(named("put").and(takesArguments(3))))
                .visit(Advice.to(GetAdvice.class).on(named("get").and(takesArguments(2))));
    }

    /** On entry: once put, another thread may take it at once, and its borrow must come after. */
    static final class PutAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(2) Object http) {
            SocketEvents.poolReturned(http);
        }
    }

    static final class GetAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object http) {
            SocketEvents.poolBorrowed(http);
        }
    }
}
