package example;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads the server's greeting and closes the connection: the leaky variant's correct twin. */
class GreetingTest {

    @Test
    void readsTheGreeting() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 50, loopback);
             Socket client = new Socket(loopback, server.getLocalPort())) {
            try (Socket accepted = server.accept()) {
                accepted.getOutputStream().write('H');
            }
            InputStream in = client.getInputStream();
            assertEquals('H', in.read());
        }
    }
}
