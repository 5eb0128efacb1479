package io.sockleak.e2e.leaks.apps;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Netty NIO server that allows half-closure and ignores the peer's FIN: every connection whose
 * client closed stays in CLOSE_WAIT. Event loops run on daemon threads so the JVM exits with them open.
 */
public final class NettyHalfClosedServer {

    private static final int CLIENTS = 3;

    public static void main(String[] args) throws Exception {
        CountDownLatch peerClosed = new CountDownLatch(CLIENTS);
        EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("boss", true));
        EventLoopGroup workers = new NioEventLoopGroup(1, new DefaultThreadFactory("worker", true));
        Channel server = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
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
                        });
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        for (int i = 0; i < CLIENTS; i++) {
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = client.getOutputStream();
                out.write("request\n".getBytes());
            }
        }
        if (!peerClosed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Netty never saw the clients close");
        }
        System.out.println("DONE");
    }
}
