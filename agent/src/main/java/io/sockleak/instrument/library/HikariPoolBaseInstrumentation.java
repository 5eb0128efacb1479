package io.sockleak.instrument.library;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * HikariCP's {@code PoolBase.newPoolEntry}: every physical connection of a Hikari pool is made here
 * (on the pool's "connection adder" thread, or the caller's for the first one), wrapped in the
 * {@code PoolEntry} that the pool's bag lends and takes back, so the entry is the KEY. Sockets the
 * driver opens inside the call belong to it. Checked against HikariCP 7.1.0 ({@code newPoolEntry(boolean)})
 * and older releases ({@code newPoolEntry()}): any arity matches.
 */
public final class HikariPoolBaseInstrumentation implements TypeInstrumentation {

    static final String POOL = "HikariCP";

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("com.zaxxer.hikari.pool.PoolBase");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(NewPoolEntryAdvice.class).on(named("newPoolEntry").and(not(isStatic()))));
    }

    static final class NewPoolEntryAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            SocketEvents.poolConnecting(POOL);
        }

        /** On a throw the entry is null: the scope still ends, and no connection is bound. */
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Return(typing = Assigner.Typing.DYNAMIC) Object entry) {
            SocketEvents.poolConnected(entry);
        }
    }
}
