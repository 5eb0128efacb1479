package io.sockleak.instrument.library;

import io.sockleak.instrument.TypeInstrumentation;

import java.util.List;

/**
 * Every library type the agent instruments: connection pools whose borrow and return tell an idle
 * pooled connection from a leaked one; Netty's native transports, whose sockets the JDK never sees; and
 * Netty's bootstrap, which hands a connect from the caller's thread to its event loop. Matched by class name (shaded copies too, see
 * {@link LibraryTypes}), so the agent needs none of these libraries and loads none of them.
 */
public final class LibraryInstrumentations {

    private LibraryInstrumentations() {
    }

    public static List<TypeInstrumentation> all() {
        return List.of(
                new HikariPoolBaseInstrumentation(),
                new HikariConcurrentBagInstrumentation(),
                new CommonsPoolCreateInstrumentation(),
                new CommonsPoolObjectInstrumentation(),
                new OkHttpRealConnectionInstrumentation(),
                new OkHttpRealCallInstrumentation(),
                new OkHttpConnectionPoolInstrumentation(),
                new ApacheHttpClient5ConnectionInstrumentation(),
                new ApacheHttpClient4PoolInstrumentation(),
                new ApacheHttpClient4LeaseInstrumentation(),
                new ApacheHttpClient4ConnectionInstrumentation(),
                new UrlConnectionHttpClientInstrumentation(),
                new UrlConnectionKeepAliveCacheInstrumentation(),
                new JdkHttpConnectionPoolInstrumentation(),
                new JdkPlainHttpConnectionInstrumentation(),
                new JdkWrappedConnectionInstrumentation.Tls(),
                new JdkWrappedConnectionInstrumentation.Tunnel(),
                new NettyBootstrapInstrumentation(),
                new NettyUnixSocketInstrumentation(),
                new NettyFileDescriptorInstrumentation(),
                new NettyNativeServerChannelInstrumentation(),
                new NettyIoUringChannelInstrumentation());
    }
}
