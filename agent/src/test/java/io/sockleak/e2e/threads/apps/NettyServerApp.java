package io.sockleak.e2e.threads.apps;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.sockleak.testing.AgentProbe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Netty server on one transport (args: nio|epoll|io_uring, leak|close) that allows half-closure: plain
 * clients connect (OPEN-DUMP while all are open), then close. In "leak" mode the server ignores their FIN,
 * so its accepted channels stay in CLOSE_WAIT; in "close" mode it closes them.
 */
public final class NettyServerApp {

    static final int CLIENTS = 3;

    public static void main(String[] args) throws Exception {
        Transports transport = Transports.of(args[0]);
        boolean leak = args[1].equals("leak");
        CountDownLatch accepted = new CountDownLatch(CLIENTS);
        CountDownLatch peerClosed = new CountDownLatch(CLIENTS);
        CountDownLatch closed = new CountDownLatch(leak ? 0 : CLIENTS);
        EventLoopGroup boss = transport.group("boss");
        EventLoopGroup workers = transport.group("worker");
        Channel server = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.server())
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.countDown();
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ReferenceCountUtil.release(msg);
                            }

                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                                if (event instanceof ChannelInputShutdownEvent) {
                                    peerClosed.countDown();
                                    if (!leak) {
                                        ctx.close().addListener(f -> closed.countDown());
                                    }
                                }
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel(); // BIND
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new Socket(InetAddress.getLoopbackAddress(), port));
        }
        if (!accepted.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server never accepted its clients");
        }
        System.out.println("OPEN-DUMP " + AgentProbe.dump());
        for (Socket client : clients) {
            client.close();
        }
        if (!peerClosed.await(10, TimeUnit.SECONDS) || !closed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server never saw its clients close, or never closed");
        }
        if (!leak) {
            // Correct code also stops its loops: the JDK closes a selected channel's descriptor only when
            // its event loop next deregisters it, so until then it is still open.
            server.close().sync();
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        System.out.println("DONE");
    }
}
