import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.concurrent.CompletableFuture;

/** Accepts one connection asynchronously, reads its end-of-stream and never closes it. */
public class AsyncAccept {

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(loopback, 0));
            CompletableFuture<AsynchronousSocketChannel> accepted = new CompletableFuture<>();
            server.accept(null, new java.nio.channels.CompletionHandler<AsynchronousSocketChannel, Void>() {
                @Override
                public void completed(AsynchronousSocketChannel channel, Void nothing) {
                    accepted.complete(channel);
                }

                @Override
                public void failed(Throwable failure, Void nothing) {
                    accepted.completeExceptionally(failure);
                }
            });
            new Socket(loopback, ((InetSocketAddress) server.getLocalAddress()).getPort()).close();
            AsynchronousSocketChannel channel = accepted.get();
            System.out.println("read " + channel.read(ByteBuffer.allocate(16)).get() + ", kept open");
        }
    }
}
