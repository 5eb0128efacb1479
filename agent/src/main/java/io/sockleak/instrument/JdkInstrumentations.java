package io.sockleak.instrument;

import java.util.List;

/** Every JDK type the agent instruments. */
public final class JdkInstrumentations {

    private JdkInstrumentations() {
    }

    public static List<TypeInstrumentation> all() {
        return List.of(
                new NioSocketImplInstrumentation(),
                new SocketChannelImplInstrumentation(),
                new ServerSocketChannelImplInstrumentation(),
                new AsyncSocketChannelInstrumentation(),
                new AsyncServerSocketChannelInstrumentation(),
                new DispatcherCloseInstrumentation(),
                new IoUtilReadInstrumentation(),
                new NetSocketCreateInstrumentation(),
                new HttpRequestImplInstrumentation(),
                new HttpConnectionInstrumentation());
    }
}
