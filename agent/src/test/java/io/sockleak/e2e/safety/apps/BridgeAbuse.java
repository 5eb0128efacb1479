package io.sockleak.e2e.safety.apps;

import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Calls the bridge the advice calls, as any code in the JVM can (it is public, in the boot loader),
 * with arguments no advice would pass: the tracker fails inside, must swallow and count it, and keep
 * working. Then leaves one connection open (both ends) for the shutdown report.
 */
public final class BridgeAbuse {

    private static final int ACCEPTED_SOCKET = 0x11;
    /** Reachable until exit: a collected socket's Cleaner would close it before the shutdown report. */
    private static final java.util.List<Socket> HELD = new java.util.ArrayList<>();
    private static final int CONNECTED_SOCKET = 0x12;

    private BridgeAbuse() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> bridge = Class.forName("io.sockleak.bootstrap.SocketEvents", true, null);
        Method opened = bridge.getMethod("opened", Object.class, int.class, int.class, Object.class);
        opened.invoke(null, "not a SocketImpl", -1, ACCEPTED_SOCKET, null);
        opened.invoke(null, new Object(), -1, CONNECTED_SOCKET, null);
        opened.invoke(null, Integer.valueOf(3), -1, ACCEPTED_SOCKET, null);
        System.out.println("the bridge returned normally 3 times");

        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket server = new ServerSocket(0, 50, loopback);
        Socket client = new Socket(loopback, server.getLocalPort());
        Socket accepted = server.accept();
        HELD.add(client);
        HELD.add(accepted);
        server.close();
        client.getOutputStream().write(1);
        System.out.println("read " + accepted.getInputStream().read());
        System.out.println("holding " + client.isConnected() + " " + accepted.isConnected());
    }
}
