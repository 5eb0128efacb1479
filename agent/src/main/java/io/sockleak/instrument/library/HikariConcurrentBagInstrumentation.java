package io.sockleak.instrument.library;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * HikariCP's {@code ConcurrentBag}, where the pool keeps its {@code PoolEntry}s: {@code borrow} lends one
 * (the KEY made in {@code PoolBase.newPoolEntry}, see {@link HikariPoolBaseInstrumentation}) and
 * {@code requite} takes it back; {@code add} puts a new one in, idle. Hikari's keepalive and idle
 * checks use {@code reserve}/{@code unreserve}, which lend nothing to the application and are left alone.
 * <p>
 * {@code requite} and {@code add} report on ENTER: the moment the entry is marked free another thread
 * may borrow it, and its borrow must come after this return, not before.
 */
public final class HikariConcurrentBagInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("com.zaxxer.hikari.util.ConcurrentBag");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder
                .visit(Advice.to(BorrowAdvice.class).on(named("borrow")))
                .visit(Advice.to(ReturnAdvice.class).on(named("requite").and(takesArguments(1))))
                .visit(Advice.to(ReturnAdvice.class).on(named("add").and(takesArguments(1))));
    }

    static final class BorrowAdvice {
        /** A null entry (timed out) is ignored by the bridge. */
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return(typing = Assigner.Typing.DYNAMIC) Object entry) {
            SocketEvents.poolBorrowed(entry);
        }
    }

    static final class ReturnAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(value = 0, typing = Assigner.Typing.DYNAMIC) Object entry) {
            SocketEvents.poolReturned(entry);
        }
    }
}
