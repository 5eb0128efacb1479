package io.sockleak.instrument.library;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Apache HttpClient 4's pool entry, {@code org.apache.http.impl.conn.CPoolEntry}: the KEY, which the
 * pool leases and releases. Its constructor names the connection it holds (before that connection
 * has a socket), so the connection's {@code bind(Socket)} reaches the entry.
 */
public final class ApacheHttpClient4PoolInstrumentation implements TypeInstrumentation {

    static final String POOL = "Apache HttpClient 4";

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("org.apache.http.impl.conn.CPoolEntry");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(EntryAdvice.class).on(isConstructor().and(takesArguments(6))
                .and(takesArgument(3, named("org.apache.http.conn.ManagedHttpClientConnection")
                        .or(LibraryTypes.namedOrShaded("org.apache.http.conn.ManagedHttpClientConnection"))))));
    }

    static final class EntryAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object entry, @Advice.Argument(3) Object connection) {
            SocketEvents.poolAlias(entry, connection, "Apache HttpClient 4");
        }
    }
}
