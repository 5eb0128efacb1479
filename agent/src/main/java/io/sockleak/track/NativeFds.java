package io.sockleak.track;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The descriptor number of a native transport's descriptor object when the advice could not read it
 * (Netty's {@code FileDescriptor.intValue()}, public): looked up once per class, -1 when it has none.
 */
final class NativeFds {

    private static final ClassValue<MethodHandle> INT_VALUE = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            // io_uring's LinuxSocket is package-private: the public class that declares the method is asked.
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    return MethodHandles.publicLookup().findVirtual(c, "intValue", MethodType.methodType(int.class))
                            .asType(MethodType.methodType(int.class, Object.class));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // not here, or not public here
                }
            }
            return null;
        }
    };

    private NativeFds() {
    }

    static int of(Object descriptor) {
        MethodHandle intValue = descriptor == null ? null : INT_VALUE.get(descriptor.getClass());
        if (intValue == null) {
            return -1;
        }
        try {
            return (int) intValue.invokeExact(descriptor);
        } catch (Throwable t) {
            return -1;
        }
    }
}
