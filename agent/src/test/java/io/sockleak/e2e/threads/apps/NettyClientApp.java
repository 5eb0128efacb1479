package io.sockleak.e2e.threads.apps;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.sockleak.testing.AgentProbe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Netty clients on one transport (args: nio|epoll|io_uring, leak|close) against a plain server that
 * holds its ends until the app has dumped a report (OPEN-DUMP path), then closes them. The clients allow
 * half-closure, so Netty leaves the peer's FIN to the application: in "leak" mode it ignores it (every
 * client socket stays in CLOSE_WAIT), in "close" mode it closes its channels. Event loops run on daemon
 * threads, so the JVM exits with leaked channels still open.
 */
public final class NettyClientApp {

    static final int CLIENTS = 3;

    public static void main(String[] args) throws Exception {
        Transports transport = Transports.of(args[0]);
        boolean leak = args[1].equals("leak");
        EventLoopGroup group = transport.group("client");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CountDownLatch peerClosed = new CountDownLatch(CLIENTS);
            List<Channel> channels = connect(transport, group, server.getLocalPort(), peerClosed);
            List<Socket> ends = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                ends.add(server.accept());
            }
            System.out.println("OPEN-DUMP " + AgentProbe.dump());
            for (Socket end : ends) {
                end.close();
            }
            if (!peerClosed.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Netty never saw the server close");
            }
            if (!leak) {
                for (Channel channel : channels) {
                    channel.close().sync();
                }
                // The JDK closes a selected channel's descriptor when its event loop next deregisters it.
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            }
        }
        System.out.println("DONE");
    }

    static List<Channel> connect(Transports transport, EventLoopGroup group, int port, CountDownLatch peerClosed)
            throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.client())
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(new IgnoresFin(peerClosed));
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            channels.add(bootstrap.connect(server).sync().channel()); // CONNECT
        }
        return channels;
    }

    /** Counts the peer's FIN and does nothing else: shared by every channel of the bootstrap. */
    @ChannelHandler.Sharable
    static final class IgnoresFin extends ChannelInboundHandlerAdapter {
        private final CountDownLatch peerClosed;

        IgnoresFin(CountDownLatch peerClosed) {
            this.peerClosed = peerClosed;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                peerClosed.countDown(); // and forget to close
            }
        }
    }
}
