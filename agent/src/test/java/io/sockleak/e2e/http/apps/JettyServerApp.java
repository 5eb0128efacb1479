package io.sockleak.e2e.http.apps;

import io.sockleak.testing.AgentProbe;
import io.sockleak.testing.ProcSelf;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A healthy Jetty 12 server, run under the agent: its handler is slow (sleeps {@code ?ms=} ms, as a
 * blocking handler), and its clients ({@link AbortingClients}, another JVM) give up early. Each
 * aborted connection sits in CLOSE_WAIT here until the handler finishes and Jetty notices the
 * hang-up and closes it: correct code, no leak, only sockets still being closed.
 * <p>
 * Stops at SIGTERM through Jetty's own shutdown hook ({@code stopAtShutdown}), or on "exit" on stdin;
 * "dump" on stdin asks the agent for a report now.
 */
public final class JettyServerApp {

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setStopAtShutdown(true);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String ms = Request.extractQueryParameters(request).getValue("ms");
                Thread.sleep(ms == null ? 0 : Long.parseLong(ms)); // the slow work the clients give up on
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                response.write(true, ByteBuffer.wrap("done".getBytes(StandardCharsets.US_ASCII)), callback);
                return true;
            }
        });
        server.start();
        System.out.println("LISTENING " + connector.getLocalPort());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("dump")) {
                // The count first: it says the dump was taken while aborted connections were still closing.
                long closeWait = closeWaitOn(connector.getLocalPort());
                System.out.println("DUMPED " + (AgentProbe.agent() == null ? "no-agent" : AgentProbe.dump())
                        + " CLOSE_WAIT " + closeWait);
            } else if (line.equals("exit")) {
                break;
            }
        }
        server.stop();
        System.out.println("DONE");
    }

    /** This server's accepted connections in CLOSE_WAIT (their local port is the listener's). */
    private static long closeWaitOn(int port) throws java.io.IOException {
        String suffix = String.format(java.util.Locale.ROOT, ":%04X", port);
        return ProcSelf.countTcpRows(f -> f[1].endsWith(suffix) && f[3].equals("08"));
    }
}
