package io.sockleak.instrument.library;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Apache HttpClient 4's {@code CPoolProxy}: the connection the application holds while it has leased a
 * pool entry. Made on the leasing thread when the manager lends an entry (the borrow), and detached
 * from its entry when the connection is released, whether back into the pool or to be closed.
 */
public final class ApacheHttpClient4LeaseInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("org.apache.http.impl.conn.CPoolProxy");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder
                .visit(Advice.to(LeasedAdvice.class).on(isConstructor().and(takesArguments(1))))
                .visit(Advice.to(ReleasedAdvice.class).on(named("detach").and(takesArguments(0))));
    }

    static final class LeasedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object entry) {
            SocketEvents.poolBorrowed(entry);
        }
    }

    static final class ReleasedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object entry) {
            SocketEvents.poolReturned(entry);
        }
    }
}
