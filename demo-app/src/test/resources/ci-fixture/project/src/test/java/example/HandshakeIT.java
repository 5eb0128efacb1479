package example;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Failsafe's fork: healthy, so its report has no leak. */
class HandshakeIT {

    @Test
    void handshakes() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 50, loopback);
             Socket client = new Socket(loopback, server.getLocalPort());
             Socket accepted = server.accept()) {
            accepted.getOutputStream().write(7);
            assertEquals(7, client.getInputStream().read());
        }
    }
}
