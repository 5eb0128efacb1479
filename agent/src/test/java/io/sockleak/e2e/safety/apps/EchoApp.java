package io.sockleak.e2e.safety.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A small well-behaved application with deterministic output: three request/response round trips on
 * loopback. With {@code announce-exit} it prints {@code EXITING <epoch ms>} as its last act.
 */
public final class EchoApp {

    private EchoApp() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 50, loopback)) {
            for (int i = 0; i < 3; i++) {
                try (Socket client = new Socket(loopback, server.getLocalPort()); Socket accepted = server.accept()) {
                    PrintWriter request = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
                    request.println("ping " + i);
                    BufferedReader in = new BufferedReader(new InputStreamReader(accepted.getInputStream(),
                            StandardCharsets.UTF_8));
                    new PrintWriter(accepted.getOutputStream(), true, StandardCharsets.UTF_8).println("pong to "
                            + in.readLine());
                    BufferedReader reply = new BufferedReader(new InputStreamReader(client.getInputStream(),
                            StandardCharsets.UTF_8));
                    System.out.println("round trip " + i + ": " + reply.readLine());
                }
            }
        }
        System.out.println("done");
        if (args.length > 0 && args[0].equals("announce-exit")) {
            System.out.println("EXITING " + System.currentTimeMillis());
        }
    }
}
