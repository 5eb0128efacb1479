import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Connects to its own listener, which never accepts, and keeps every socket until it runs out of descriptors. */
public class Emfile {

    public static void main(String[] args) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<Socket> kept = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 1000, loopback)) { // its backlog holds the connections
            while (true) {
                kept.add(new Socket(loopback, server.getLocalPort()));
            }
        } catch (IOException e) {
            System.out.println(kept.size() + " sockets, then " + e);
        }
    }
}
