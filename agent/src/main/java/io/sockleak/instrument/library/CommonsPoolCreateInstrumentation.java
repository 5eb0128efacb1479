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
 * Apache commons-pool2's {@code GenericObjectPool.create} and {@code GenericKeyedObjectPool.create}
 * (Jedis's JedisPool, DBCP2's BasicDataSource and many more): the only place either pool calls its
 * factory's {@code makeObject}, on the borrowing thread, in {@code addObject}/{@code preparePool}, or
 * on the evictor thread (ensureMinIdle). It returns the {@code PooledObject} wrapper the pool lends
 * and takes back (see {@link CommonsPoolObjectInstrumentation}): that wrapper is the KEY, and sockets
 * opened inside the call belong to it. A null return (over capacity) binds nothing.
 * Checked against commons-pool2 2.13.1 ({@code create(Duration)}, {@code create(K, Duration)}); older
 * releases have other arities, so any arity matches.
 */
public final class CommonsPoolCreateInstrumentation implements TypeInstrumentation {

    static final String POOL = "commons-pool2";

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("org.apache.commons.pool2.impl.GenericObjectPool")
                .or(LibraryTypes.namedOrShaded("org.apache.commons.pool2.impl.GenericKeyedObjectPool"));
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder.visit(Advice.to(CreateAdvice.class).on(named("create").and(not(isStatic()))));
    }

    static final class CreateAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            SocketEvents.poolConnecting(POOL);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Return(typing = Assigner.Typing.DYNAMIC) Object pooled) {
            SocketEvents.poolConnected(pooled);
            SocketEvents.poolReturned(pooled); // a new object is idle until allocate() lends it
        }
    }
}
