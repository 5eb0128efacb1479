package io.sockleak.demo;

import static io.sockleak.demo.Net.LOOPBACK;
import static io.sockleak.demo.Net.say;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code accept-no-close} with NIO channels (blocking mode): the server accepts, reads to EOF and keeps
 * the channels without closing them. Channels have no Cleaner, so even unreachable they would stay open.
 */
final class NioAcceptNoClose implements Scenario {

    static final int CLIENTS = 3;

    @Override
    public String name() {
        return "nio-accept-no-close";
    }

    @Override
    public String description() {
        return CLIENTS + " CLOSE_WAIT leaks: origin accepted, api channel, opened at the accept() in NioAcceptNoClose";
    }

    @Override
    public Result run() throws Exception {
        Result result = new Result(name());
        List<SocketChannel> connections = new ArrayList<>(); // filled, never closed
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(LOOPBACK, 0));
            InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
            int port = address.getPort();
            result.listener(port);
            say("channel listening on 127.0.0.1:" + port);
            for (int i = 1; i <= CLIENTS; i++) {
                try (SocketChannel client = SocketChannel.open(address)) {
                    client.write(ByteBuffer.wrap(Net.PING));
                } // the client closes: FIN
                result.connected();
                SocketChannel conn = listener.accept(); // LEAK: accepted channel, never closed
                connections.add(conn);
                int n = Net.drain(conn); // -1: the client's FIN arrived, so CLOSE_WAIT
                int remotePort = ((InetSocketAddress) conn.getRemoteAddress()).getPort();
                result.leak(Result.ACCEPTED, Result.CHANNEL, port, remotePort);
                say("accepted 127.0.0.1:" + remotePort + ", read " + n + " bytes then EOF; not closing it");
            }
        }
        for (SocketChannel conn : connections) {
            result.closeOnRelease(conn);
        }
        say(CLIENTS + " accepted channels left open in CLOSE_WAIT; the listener channel is closed");
        return result;
    }
}
