package io.sockleak.e2e.threads.apps;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The Netty transport a child app runs on, by name: nio, epoll or io_uring. Event loops on daemon threads. */
public record Transports(String name, IoHandlerFactory handler, Class<? extends SocketChannel> client,
                         Class<? extends ServerChannel> server) {

    public static Transports of(String name) {
        return switch (name) {
            case "nio" -> new Transports(name, NioIoHandler.newFactory(), NioSocketChannel.class,
                    NioServerSocketChannel.class);
            case "epoll" -> {
                Epoll.ensureAvailability();
                yield new Transports(name, EpollIoHandler.newFactory(), EpollSocketChannel.class,
                        EpollServerSocketChannel.class);
            }
            case "io_uring" -> {
                IoUring.ensureAvailability();
                yield new Transports(name, IoUringIoHandler.newFactory(), IoUringSocketChannel.class,
                        IoUringServerSocketChannel.class);
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    public EventLoopGroup group(String threadPrefix) {
        return new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name + "-" + threadPrefix, true), handler);
    }
}
