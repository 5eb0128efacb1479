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
 * Apache HttpClient 5 classic {@code DefaultManagedHttpClientConnection}, the KEY (it stays with its
 * pool entry across leases). The pooling manager calls, on the leasing thread: {@code bind(Socket)}
 * when it gives a new connection its socket (5.4 binds it before and after the connect), then lends
 * it; {@code activate()} when it lends a pooled one; {@code passivate()} when it takes one back as
 * reusable. The socket is bound directly because the operator's connect overloads nest.
 */
public final class ApacheHttpClient5ConnectionInstrumentation implements TypeInstrumentation {

    static final String POOL = "Apache HttpClient 5";

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder
                .visit(Advice.to(BindAdvice.class).on(named("bind").and(takesArguments(1))
                        .and(takesArgument(0, named("java.net.Socket")))))
                .visit(Advice.to(ActivateAdvice.class).on(named("activate").and(takesArguments(0))))
                .visit(Advice.to(PassivateAdvice.class).on(named("passivate").and(takesArguments(0))));
    }

    static final class BindAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object connection, @Advice.Argument(0) Object socket) {
            SocketEvents.poolSocket(connection, socket, "Apache HttpClient 5");
            SocketEvents.poolBorrowed(connection);
        }
    }

    static final class ActivateAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object connection) {
            SocketEvents.poolBorrowed(connection);
        }
    }

    static final class PassivateAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object connection) {
            SocketEvents.poolReturned(connection);
        }
    }
}
