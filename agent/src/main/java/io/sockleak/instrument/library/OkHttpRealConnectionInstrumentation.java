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
 * OkHttp 4 {@code okhttp3.internal.connection.RealConnection.connect(int, int, int, int, boolean, Call,
 * EventListener)}: the socket (and the TLS one over it) is opened on the caller's thread inside it;
 * the connection object is what OkHttp's pool lends and takes back (the KEY).
 */
public final class OkHttpRealConnectionInstrumentation implements TypeInstrumentation {

    static final String POOL = "OkHttp";

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("okhttp3.internal.connection.RealConnection");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(ConnectAdvice.class).on(named("connect").and(takesArguments(7))));
    }

    static final class ConnectAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            SocketEvents.poolConnecting("OkHttp");
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object connection, @Advice.Thrown Throwable thrown) {
            SocketEvents.poolConnected(thrown == null ? connection : null);
        }
    }
}
