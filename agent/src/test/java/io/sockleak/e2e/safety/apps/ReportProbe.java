package io.sockleak.e2e.safety.apps;

import io.sockleak.testing.AgentProbe;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Holds a listener and one connection open and answers commands on stdin, one per line:
 * {@code dump N} prints {@code DUMPED N <path or null>}, {@code pending N} prints
 * {@code PENDING N <reports waiting to be written>}, {@code exit} ends it.
 */
public final class ReportProbe {

    private ReportProbe() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 50, loopback);
             Socket client = new Socket(loopback, server.getLocalPort());
             Socket accepted = server.accept()) {
            System.out.println("READY");
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = commands.readLine()) != null && !line.equals("exit"); ) {
                String[] words = line.split(" ");
                switch (words[0]) {
                    case "dump" -> System.out.println("DUMPED " + words[1] + " " + AgentProbe.dump());
                    case "pending" -> System.out.println("PENDING " + words[1] + " " + AgentProbe.pendingReports());
                    default -> System.out.println("UNKNOWN " + line);
                }
            }
        }
        System.out.println("BYE");
    }
}
