package io.sockleak.demo;

import static io.sockleak.demo.Net.say;

import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The pooled twin of a leak: the response's body is neither read nor closed, so HttpURLConnection
 * never gives the connection back to its keep-alive cache. When the server closes it, it stays in
 * CLOSE_WAIT, borrowed and never returned; the line to fix is the request's.
 */
final class LostResponse implements Scenario {

    @Override
    public String name() {
        return "lost-response";
    }

    @Override
    public String description() {
        return "1 leak: a pooled connection borrowed and not returned (HttpURLConnection keep-alive), at the"
                + " getResponseCode() in LostResponse";
    }

    @Override
    public Result run() throws Exception {
        Result result = new Result(name());
        IdleClosingHttpServer server = new IdleClosingHttpServer();
        result.closeOnRelease(server).listener(server.port());
        HttpURLConnection http = (HttpURLConnection) URI.create(server.url()).toURL().openConnection();
        int status = http.getResponseCode(); // LEAK: the body is never read or closed
        result.hold(http).connected();
        say("GET " + server.url() + " -> " + status + "; body neither read nor closed");
        Net.awaitCloseWait(server.port(), 1);
        say("the server closed the connection; it is in CLOSE_WAIT and was never given back");
        return result;
    }
}
