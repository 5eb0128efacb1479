package io.sockleak.e2e.integrations.apps;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A service whose peer hangs up and which never closes its side: two connections whose end-of-stream
 * it read (READ_EOF_KEPT), one it never read (CLOSE_WAIT_AGED once two looks saw it). With the argument
 * {@code correct} it is its correct-code twin: it reads each of the three connections to its end and
 * closes it, so sockleak must report nothing. Prints READY, then runs until a line EXIT on stdin.
 */
public final class LeakingService {

    private static final List<Socket> KEPT = new ArrayList<>();

    private LeakingService() {
    }

    public static void main(String[] args) throws Exception {
        boolean correct = args.length > 0 && args[0].equals("correct");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket peer = new ServerSocket(0, 50, loopback)) {
            Thread hangUp = new Thread(() -> {
                try {
                    while (true) {
                        peer.accept().close();
                    }
                } catch (Exception closed) {
                    // the listener closed
                }
            }, "peer");
            hangUp.setDaemon(true);
            hangUp.start();
            for (int i = 0; i < 3; i++) {
                if (correct) {
                    try (Socket socket = new Socket(loopback, peer.getLocalPort())) {
                        socket.getInputStream().readAllBytes(); // up to the peer's end-of-stream, then closed
                    }
                    continue;
                }
                Socket socket = connect(loopback, peer.getLocalPort());
                if (i < 2) {
                    InputStream in = socket.getInputStream();
                    while (in.read() != -1) {
                        // up to the peer's end-of-stream
                    }
                }
                KEPT.add(socket);
            }
            System.out.println("READY");
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = stdin.readLine()) != null && !line.equals("EXIT")) {
                // waiting to be told to exit
            }
        }
    }

    private static Socket connect(InetAddress address, int port) throws Exception {
        return new Socket(address, port); // LEAK: never closed
    }
}
