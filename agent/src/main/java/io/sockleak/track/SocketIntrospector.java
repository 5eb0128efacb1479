package io.sockleak.track;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.SocketImpl;

/**
 * Reads the few private JDK fields the advice cannot hand over: the int inside a FileDescriptor and
 * the fields of a {@code SocketImpl}. VarHandles, created once, cost about a field read; they need
 * java.io and java.net opened to the agent (done at start-up).
 */
public final class SocketIntrospector {

    private final VarHandle descriptorFd;
    private final VarHandle implFd;
    private final VarHandle implAddress;
    private final VarHandle implPort;
    private final VarHandle implLocalPort;

    private SocketIntrospector(VarHandle descriptorFd, VarHandle implFd, VarHandle implAddress,
                               VarHandle implPort, VarHandle implLocalPort) {
        this.descriptorFd = descriptorFd;
        this.implFd = implFd;
        this.implAddress = implAddress;
        this.implPort = implPort;
        this.implLocalPort = implLocalPort;
    }

    public static SocketIntrospector create() throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandles.Lookup io = MethodHandles.privateLookupIn(FileDescriptor.class, lookup);
        MethodHandles.Lookup net = MethodHandles.privateLookupIn(SocketImpl.class, lookup);
        return new SocketIntrospector(
                io.findVarHandle(FileDescriptor.class, "fd", int.class),
                net.findVarHandle(SocketImpl.class, "fd", FileDescriptor.class),
                net.findVarHandle(SocketImpl.class, "address", InetAddress.class),
                net.findVarHandle(SocketImpl.class, "port", int.class),
                net.findVarHandle(SocketImpl.class, "localport", int.class));
    }

    /** The descriptor number, or -1 when closed or unknown. */
    public int fd(FileDescriptor descriptor) {
        return descriptor == null ? -1 : (int) descriptorFd.get(descriptor);
    }

    public int fdOfSocketImpl(Object impl) {
        return impl instanceof SocketImpl ? fd((FileDescriptor) implFd.get(impl)) : -1;
    }

    public InetAddress remoteAddressOfSocketImpl(Object impl) {
        return (InetAddress) implAddress.get(impl);
    }

    public int remotePortOfSocketImpl(Object impl) {
        return (int) implPort.get(impl);
    }

    public int localPortOfSocketImpl(Object impl) {
        return (int) implLocalPort.get(impl);
    }
}
