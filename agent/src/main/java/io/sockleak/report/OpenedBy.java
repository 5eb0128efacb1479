package io.sockleak.report;

import io.sockleak.track.FrameRule;
import io.sockleak.track.Site;

import java.util.List;

/**
 * Names, in words, the library that opened a socket on a thread of its own, from that thread's stack:
 * so a report whose {@code frame} is null (no application frame reachable) still says who opened the
 * socket, and one whose {@code frame} came from a hand-off says which library did the work.
 */
final class OpenedBy {

    /** Libraries that open sockets on their own threads, by a package that their frames carry (shaded too). */
    private static final String[][] NAMES = {
            {"io.grpc.", "gRPC"},
            {"io.netty.", "Netty"},
            {"jdk.internal.net.http.", "java.net.http"},
            {"okhttp3.", "OkHttp"},
            {"org.apache.hc.", "Apache HttpClient 5"},
            {"reactor.netty.", "Reactor Netty"},
            {"io.vertx.", "Vert.x"},
            {"org.eclipse.jetty.", "Jetty"},
            {"io.lettuce.", "Lettuce"},
    };

    private OpenedBy() {
    }

    /**
     * @param own      the opening thread's site (the record's site when nothing was handed over)
     * @param handedOver whether the socket was opened for another thread's call
     * @return null when the application's code opened the socket on its own thread
     */
    static String of(Site own, boolean handedOver) {
        if (own == null || (!handedOver && own.frame() != null)) {
            return null;
        }
        String named = name(own.stack());
        if (named != null) {
            return named;
        }
        return own.libraryFrame() == null ? null : packageOf(FrameRule.classNameOf(own.libraryFrame()));
    }

    private static String name(List<String> stack) {
        for (String[] known : NAMES) {
            for (String frame : stack) {
                String cls = FrameRule.classNameOf(frame);
                if (cls.startsWith(known[0]) || cls.contains("." + known[0])) {
                    return known[1];
                }
            }
        }
        return null;
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(0, dot);
    }
}
