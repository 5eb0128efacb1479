package example;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Healthy code in another fork; also proves the recipe kept the argLine that JaCoCo would have set. */
class QuietTest {

    @Test
    void closesWhatItOpens() throws Exception {
        assertEquals("kept", System.getProperty("fixture.argLine"));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 50, loopback);
             Socket client = new Socket(loopback, server.getLocalPort());
             Socket accepted = server.accept()) {
            client.getOutputStream().write(1);
            assertEquals(1, accepted.getInputStream().read());
        }
    }
}
