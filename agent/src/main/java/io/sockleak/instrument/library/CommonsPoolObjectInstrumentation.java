package io.sockleak.instrument.library;

import io.sockleak.bootstrap.SocketEvents;
import io.sockleak.instrument.TypeInstrumentation;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * commons-pool2's {@code DefaultPooledObject} (also the base of {@code PooledSoftReference}), the
 * wrapper both generic pools lend: {@code allocate()} returning true is the IDLE to ALLOCATED step of
 * {@code borrowObject}; {@code deallocate()} returning true is the step back to IDLE in
 * {@code returnObject}. Eviction tests use other methods and lend nothing. Reporting at the exit is
 * safe for the return: the pool puts the object back in its idle queue only after deallocate returns.
 */
public final class CommonsPoolObjectInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> type() {
        return LibraryTypes.namedOrShaded("org.apache.commons.pool2.impl.DefaultPooledObject");
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
        return builder
                .visit(Advice.to(AllocateAdvice.class).on(named("allocate").and(takesArguments(0)).and(returns(boolean.class))))
                .visit(Advice.to(DeallocateAdvice.class).on(named("deallocate").and(takesArguments(0)).and(returns(boolean.class))));
    }

    static final class AllocateAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object pooled, @Advice.Return boolean allocated) {
            if (allocated) {
                SocketEvents.poolBorrowed(pooled);
            }
        }
    }

    static final class DeallocateAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object pooled, @Advice.Return boolean deallocated) {
            if (deallocated) {
                SocketEvents.poolReturned(pooled);
            }
        }
    }
}
