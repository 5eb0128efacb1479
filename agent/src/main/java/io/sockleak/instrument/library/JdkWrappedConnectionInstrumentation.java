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
 * java.net.http's connections that wrap another: {@code AsyncSSLConnection} and
 * {@code AsyncSSLTunnelConnection} (field {@code plainConnection}) and {@code PlainTunnelingConnection}
 * (field {@code delegate}). The pool lends and takes back the wrapper, while the socket belongs to the
 * {@code PlainHttpConnection} inside: the wrapper is made another name of it, so that the borrow and
 * return of an HTTPS connection reach the connection its socket joined.
 */
public final class JdkWrappedConnectionInstrumentation {

    private JdkWrappedConnectionInstrumentation() {
    }

    /** The TLS wrappers. */
    public static final class Tls implements TypeInstrumentation {
        @Override
        public ElementMatcher<TypeDescription> type() {
            return named("jdk.internal.net.http.AsyncSSLConnection")
                    .or(named("jdk.internal.net.http.AsyncSSLTunnelConnection"));
        }

        @Override
        public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
            return builder.visit(Advice.to(TlsAdvice.class).on(isConstructor()));
        }
    }

    /** The proxy tunnel. */
    public static final class Tunnel implements TypeInstrumentation {
        @Override
        public ElementMatcher<TypeDescription> type() {
            return named("jdk.internal.net.http.PlainTunnelingConnection");
        }

        @Override
        public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
            return builder.visit(Advice.to(TunnelAdvice.class).on(isConstructor()));
        }
    }

    static final class TlsAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object wrapper, @Advice.FieldValue("plainConnection") Object inner) {
            SocketEvents.poolAlias(inner, wrapper, "java.net.http");
        }
    }

    static final class TunnelAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object wrapper, @Advice.FieldValue("delegate") Object inner) {
            SocketEvents.poolAlias(inner, wrapper, "java.net.http");
        }
    }
}
