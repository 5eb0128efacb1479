package io.sockleak.e2e.kernel.apps;

import io.sockleak.testing.AgentProbe;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Opens a connection, lets the agent scan twice, and prints {@code SOURCE x}: where its kernel view reads TCP. */
public final class ScanningApp {

    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket listener = new ServerSocket(0, 50, loopback);
             Socket client = new Socket(loopback, listener.getLocalPort());
             Socket accepted = listener.accept()) {
            AgentProbe.diagnose();
            AgentProbe.diagnose();
            System.out.println("SOURCE " + AgentProbe.tableSource());
        }
    }
}
