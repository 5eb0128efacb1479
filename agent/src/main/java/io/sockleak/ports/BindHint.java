package io.sockleak.ports;

import io.sockleak.kernel.TcpState;
import io.sockleak.model.PortHolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What would let a failed bind through, in Linux terms (checked on Linux 6.x, loopback, JDK 17/25):
 * <ul>
 *   <li>a LISTEN socket on the port blocks every other bind, SO_REUSEADDR or not (SO_REUSEPORT aside);</li>
 *   <li>any other socket on the port (TIME_WAIT, an accepted connection outliving its listener, an
 *       orphaned FIN_WAIT2) blocks the bind unless <em>both</em> sockets have SO_REUSEADDR: a
 *       TIME_WAIT left by a listener with SO_REUSEADDR off blocks even a rebind with it on.</li>
 * </ul>
 * Java's ServerSocket and ServerSocketChannel turn SO_REUSEADDR on by default on Linux; a plain
 * Socket does not.
 */
final class BindHint {

    private static final String LISTEN = TcpState.LISTEN.name();
    private static final String TIME_WAIT = TcpState.TIME_WAIT.name();

    private BindHint() {
    }

    /**
     * @param reuseAddress SO_REUSEADDR of the socket whose bind failed, null if unknown
     * @param kernelProblem why the kernel could not be read, or null when it was
     */
    static String of(int port, List<PortHolder> holders, Boolean reuseAddress, String kernelProblem) {
        if (port == 0) {
            return "no free ephemeral port for this address: every port of net.ipv4.ip_local_port_range is taken";
        }
        List<String> parts = new ArrayList<>();
        int listenersHere = 0;
        int listenersElsewhere = 0;
        Long otherPid = null;
        int timeWait = 0;
        double longestWait = 0;
        int kernelOwned = 0;
        int connectionsHere = 0;
        int connectionsElsewhere = 0;
        for (PortHolder h : holders) {
            boolean listen = LISTEN.equals(h.state());
            switch (h.owner()) {
                case PortHolder.THIS_JVM -> {
                    if (listen) {
                        listenersHere += h.count();
                    } else {
                        connectionsHere += h.count();
                    }
                }
                case PortHolder.OTHER_PROCESS -> {
                    if (listen) {
                        listenersElsewhere += h.count();
                        if (otherPid == null) {
                            otherPid = h.pid();
                        }
                    } else {
                        connectionsElsewhere += h.count();
                    }
                }
                default -> {
                    if (TIME_WAIT.equals(h.state())) {
                        timeWait += h.count();
                    } else {
                        kernelOwned += h.count();
                    }
                    if (h.secondsLeft() != null) {
                        longestWait = Math.max(longestWait, h.secondsLeft());
                    }
                }
            }
        }

        if (listenersHere > 0) {
            parts.add("a listener opened by this JVM still holds the port (SO_REUSEADDR does not help against"
                    + " a LISTEN socket): close it before binding again, or keep using it");
        }
        if (listenersElsewhere > 0) {
            parts.add((otherPid != null ? "process " + otherPid + " listens" : "another process listens")
                    + " on the port: stop it or choose another port"
                    + (otherPid != null ? "" : " (its pid is not visible to this user; try: ss -ltnp 'sport = :"
                    + port + "')"));
        }
        if (listenersHere == 0 && listenersElsewhere == 0) {
            int notListening = timeWait + kernelOwned + connectionsHere + connectionsElsewhere;
            if (notListening > 0) {
                parts.add(reuseHint(reuseAddress, timeWait, longestWait, connectionsHere + connectionsElsewhere));
            }
        }
        if (parts.isEmpty()) {
            if (kernelProblem != null) {
                parts.add("the kernel view is unavailable (" + kernelProblem + "), so what holds the port is unknown");
            } else {
                parts.add("nothing holds the port in /proc/net/tcp{,6} any more: it was released right after the"
                        + " failure (retry the bind), or it is held in another network namespace");
            }
        }
        return String.join("; ", parts);
    }

    private static String reuseHint(Boolean reuseAddress, int timeWait, double longestWait, int connections) {
        boolean onlyTimeWait = timeWait > 0 && connections == 0;
        String what = onlyTimeWait ? "TIME_WAIT" : timeWait == 0 ? "open connections" : "the old sockets";
        String which = onlyTimeWait ? "the socket that left TIME_WAIT"
                : "those sockets (an accepted socket inherits it from its listener)";
        String wait = !onlyTimeWait ? ""
                : longestWait > 0 ? ", or wait " + seconds(longestWait) + " for TIME_WAIT to end"
                : ", or wait for TIME_WAIT to end (at most 60 s on Linux)";
        String close = connections > 0 ? "close the connections still open on the port" : "";
        if (Boolean.TRUE.equals(reuseAddress)) {
            return (close.isEmpty() ? "" : close + "; ") + "SO_REUSEADDR is already on for this bind, but Linux lets a bind over " + what
                    + " through only if " + which + " had it too: keep SO_REUSEADDR on (Java's default for"
                    + " ServerSocket and ServerSocketChannel) in the server that used this port before" + wait;
        }
        String off = Boolean.FALSE.equals(reuseAddress) ? ": it was off here" : "";
        return (close.isEmpty() ? "" : close + ", or ") + "set SO_REUSEADDR on the socket before bind" + off + " (Java's ServerSocket and"
                + " ServerSocketChannel have it on by default on Linux; setReuseAddress(false) turns it off);"
                + " Linux also requires it on " + which + wait;
    }

    static String seconds(double s) {
        return s >= 10 ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.1f s", s);
    }
}
