package io.sockleak.e2e.http.apps;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * The upstream of the HTTP client tests, run in its own JVM without the agent so the client's
 * process holds only client sockets. It keeps connections alive but closes any that stay idle for
 * longer than its idle timeout (args[0], ms): shorter than every client pool's own keep-alive, which
 * is what leaves the clients' idle pooled connections in CLOSE_WAIT.
 * <p>
 * {@code GET /} answers "ok"; {@code GET /big?kib=N} answers N KiB (default 64, at most 8192).
 */
public final class IdleClosingUpstream {

    private static final ByteBuffer OK = ByteBuffer.wrap("ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    private static final ByteBuffer BIG = ByteBuffer.allocateDirect(8 << 20);

    public static void main(String[] args) throws Exception {
        long idleTimeoutMillis = Long.parseLong(args[0]);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(idleTimeoutMillis);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                ByteBuffer body = OK;
                if (request.getHttpURI().getPath().equals("/big")) {
                    String kib = Request.extractQueryParameters(request).getValue("kib");
                    body = BIG.slice(0, Integer.parseInt(kib == null ? "64" : kib) << 10);
                }
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
                response.write(true, body.slice(), callback);
                return true;
            }
        });
        server.start();
        System.out.println("LISTENING " + connector.getLocalPort());
        // The test ends this JVM by closing its stdin (or by killing it).
        while (System.in.read() >= 0) {
            // ignore
        }
        server.stop();
    }
}
