package io.sockleak.track;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.SocketImpl;

/**
 * Reads the few private JDK fields the advice cannot hand over: the int inside a FileDescriptor and
 * the fields of a {@code SocketImpl}. They need java.io and java.net opened to the agent (done at
 * start-up). The VarHandles are held in static finals: only then does the JIT treat them as constants
 * and compile each access to a plain field read. Held in instance fields, every access took the
 * VarHandle's generic path: about 40 ns of the 100 ns that recording and releasing a socket cost
 * without its stack (docs/performance.md).
 */
public final class SocketIntrospector {

    /** Initialised by {@link #create()}, once it has checked that the look-ups succeed. */
    private static final class Handles {
        private static final VarHandle[] ALL = lookUpOrFail();
        static final VarHandle DESCRIPTOR_FD = ALL[0];
        static final VarHandle IMPL_FD = ALL[1];
        static final VarHandle IMPL_ADDRESS = ALL[2];
        static final VarHandle IMPL_PORT = ALL[3];
        static final VarHandle IMPL_LOCAL_PORT = ALL[4];

        /** Touching the class runs its initialiser. */
        static void load() {
        }

        private static VarHandle[] lookUpOrFail() {
            try {
                return lookUp();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the same look-ups succeeded in create()", e);
            }
        }
    }

    private SocketIntrospector() {
    }

    /** Fails when java.io or java.net is not open to the agent (and may be called again once it is). */
    public static SocketIntrospector create() throws ReflectiveOperationException {
        lookUp();
        Handles.load();
        return new SocketIntrospector();
    }

    private static VarHandle[] lookUp() throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandles.Lookup io = MethodHandles.privateLookupIn(FileDescriptor.class, lookup);
        MethodHandles.Lookup net = MethodHandles.privateLookupIn(SocketImpl.class, lookup);
        return new VarHandle[] {
                io.findVarHandle(FileDescriptor.class, "fd", int.class),
                net.findVarHandle(SocketImpl.class, "fd", FileDescriptor.class),
                net.findVarHandle(SocketImpl.class, "address", InetAddress.class),
                net.findVarHandle(SocketImpl.class, "port", int.class),
                net.findVarHandle(SocketImpl.class, "localport", int.class)};
    }

    /** The descriptor number, or -1 when closed or unknown. */
    public int fd(FileDescriptor descriptor) {
        return descriptor == null ? -1 : (int) Handles.DESCRIPTOR_FD.get(descriptor);
    }

    public int fdOfSocketImpl(Object impl) {
        return impl instanceof SocketImpl ? fd((FileDescriptor) Handles.IMPL_FD.get(impl)) : -1;
    }

    public InetAddress remoteAddressOfSocketImpl(Object impl) {
        return (InetAddress) Handles.IMPL_ADDRESS.get(impl);
    }

    public int remotePortOfSocketImpl(Object impl) {
        return (int) Handles.IMPL_PORT.get(impl);
    }

    public int localPortOfSocketImpl(Object impl) {
        return (int) Handles.IMPL_LOCAL_PORT.get(impl);
    }

    /**
     * The platform implementation behind a {@code java.net.Socket} (the object its record refers to):
     * the socket's impl, unwrapped from the SOCKS/delegating layers. Reflective: only a pool binding a
     * socket opened earlier needs it. Null when the JDK's fields are not what this expects.
     */
    public Object platformImplOf(java.net.Socket socket) {
        try {
            Object impl = field(java.net.Socket.class, "impl").get(socket);
            for (int i = 0; i < 4 && impl != null; i++) {
                java.lang.reflect.Field delegate = findField(impl.getClass(), "delegate");
                if (delegate == null) {
                    return impl;
                }
                impl = delegate.get(impl);
            }
            return impl;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static java.lang.reflect.Field field(Class<?> type, String name) throws NoSuchFieldException {
        java.lang.reflect.Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static java.lang.reflect.Field findField(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return field(c, name);
            } catch (NoSuchFieldException ignored) {
                // look in the superclass
            }
        }
        return null;
    }
}
