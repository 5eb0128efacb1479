package io.sockleak.demo;

import static io.sockleak.demo.Net.LOOPBACK;
import static io.sockleak.demo.Net.say;

import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * The other side of CLOSE_WAIT: the server answers and closes properly; the client reads the answer
 * to EOF (read() == -1, the server's FIN) and never closes. The client's end stays in CLOSE_WAIT; the
 * server's orphaned end waits in FIN_WAIT2 (kernel-owned, 60 s).
 */
final class ClientNoClose implements Scenario {

    static final int CLIENTS = 3;

    @Override
    public String name() {
        return "client-no-close";
    }

    @Override
    public String description() {
        return CLIENTS + " CLOSE_WAIT leaks: origin connected, api socket, opened at the new Socket(...) in ClientNoClose";
    }

    @Override
    public Result run() throws Exception {
        Result result = new Result(name());
        List<Socket> clients = new ArrayList<>(); // kept, never closed
        try (ServerSocket listener = new ServerSocket(0, 50, LOOPBACK)) {
            int port = listener.getLocalPort();
            result.listener(port);
            say("listening on 127.0.0.1:" + port);
            for (int i = 1; i <= CLIENTS; i++) {
                Socket client = new Socket(LOOPBACK, port); // LEAK: connected, never closed
                clients.add(client);
                result.connected();
                try (Socket conn = listener.accept()) {
                    conn.getOutputStream().write(Net.BYE);
                } // the server closes its end properly: FIN
                client.setSoTimeout(Net.READ_TIMEOUT_MS);
                int n = Net.drain(client.getInputStream()); // -1: the server's FIN arrived, so CLOSE_WAIT
                result.leak(Result.CONNECTED, Result.SOCKET, client.getLocalPort(), port);
                say("client " + i + " (port " + client.getLocalPort() + ") read " + n + " bytes then EOF; not closing it");
            }
        }
        for (Socket client : clients) {
            result.closeOnRelease(client);
        }
        say("server side all closed; " + CLIENTS + " client sockets left open in CLOSE_WAIT");
        return result;
    }
}
