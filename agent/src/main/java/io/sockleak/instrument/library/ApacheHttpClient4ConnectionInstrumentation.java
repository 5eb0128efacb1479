package io.sockleak.instrument.library;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Apache HttpClient 4's {@code DefaultManagedHttpClientConnection}: the connection operator gives it
 * its socket with {@code bind(Socket)} on the leasing thread; the socket joins the pool entry that
 * holds this connection ({@link ApacheHttpClient4PoolInstrumentation}).
 */
public final class ApacheHttpClient4ConnectionInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("org.apache.http.impl.conn.DefaultManagedHttpClientConnection");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(BindAdvice.class).on(named("bind").and(takesArguments(1))
                .and(takesArgument(0, named("java.net.Socket")))));
    }

    static final class BindAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object connection, @Advice.Argument(0) Object socket) {
            SocketEvents.poolSocket(connection, socket, "Apache HttpClient 4");
        }
    }
}
