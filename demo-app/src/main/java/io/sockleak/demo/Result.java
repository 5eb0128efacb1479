package io.sockleak.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a scenario opened and left behind: the ports it used (for checking the kernel's view in
 * /proc/net/tcp*) and strong references to the sockets it leaked, so they stay reachable (and stay
 * leaked) for as long as this object is.
 *
 * <p>{@link #close()} is for tests: it closes what the scenario deliberately left open. The command
 * line never calls it.
 */
public final class Result implements AutoCloseable {

    /** Origins, as the agent names them. */
    public static final String ACCEPTED = "accepted";
    public static final String CONNECTED = "connected";
    /** A connection the kernel completed on a listener but that nobody ever accepted (no fd, no object). */
    public static final String UNACCEPTED = "unaccepted";

    /** APIs, as the agent names them. */
    public static final String SOCKET = "socket";
    public static final String CHANNEL = "channel";
    public static final String NONE = "none";

    /**
     * One leaked connection, as seen from the leaking end: {@code localPort} is this end's port,
     * {@code remotePort} the peer's.
     */
    public record Leak(String origin, String api, int localPort, int remotePort) {
    }

    /** One bind attempt on a fixed port; {@code error} is null when the bind worked. */
    public record Bind(int port, boolean reuseAddress, String error) {
        public boolean failed() {
            return error != null;
        }
    }

    private final String scenario;
    private final List<Integer> listenerPorts = new ArrayList<>();
    private final List<Integer> openListenerPorts = new ArrayList<>();
    private final List<Leak> leaks = new ArrayList<>();
    private final List<Bind> binds = new ArrayList<>();
    private final List<Object> held = new ArrayList<>();
    private final List<AutoCloseable> onClose = new ArrayList<>();
    private int connections;

    public Result(String scenario) {
        this.scenario = scenario;
    }

    public String scenario() {
        return scenario;
    }

    /** Every listening port the scenario used, closed or not. */
    public List<Integer> listenerPorts() {
        return Collections.unmodifiableList(listenerPorts);
    }

    /** Listening ports the scenario leaves open (a leak in itself). */
    public List<Integer> openListenerPorts() {
        return Collections.unmodifiableList(openListenerPorts);
    }

    /** The leaked connections, in the order they were made. */
    public List<Leak> leaks() {
        return Collections.unmodifiableList(leaks);
    }

    public List<Bind> binds() {
        return Collections.unmodifiableList(binds);
    }

    /** How many TCP connections the scenario made in all (leaked or not). */
    public int connections() {
        return connections;
    }

    Result listener(int port) {
        listenerPorts.add(port);
        return this;
    }

    Result openListener(int port) {
        listenerPorts.add(port);
        openListenerPorts.add(port);
        return this;
    }

    Result leak(String origin, String api, int localPort, int remotePort) {
        leaks.add(new Leak(origin, api, localPort, remotePort));
        return this;
    }

    Result bind(int port, boolean reuseAddress, String error) {
        binds.add(new Bind(port, reuseAddress, error));
        return this;
    }

    Result connected() {
        connections++;
        return this;
    }

    /** Keeps {@code o} strongly reachable for as long as this result is. */
    Result hold(Object o) {
        held.add(o);
        return this;
    }

    /** Keeps {@code c} reachable and closes it in {@link #close()}. */
    Result closeOnRelease(AutoCloseable c) {
        held.add(c);
        onClose.add(c);
        return this;
    }

    /** Closes what the scenario left open (in reverse order of registration). For tests. */
    @Override
    public void close() {
        for (int i = onClose.size() - 1; i >= 0; i--) {
            try {
                onClose.get(i).close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        onClose.clear();
        held.clear();
    }

    @Override
    public String toString() {
        return "Result[" + scenario + ", listeners=" + listenerPorts + ", open listeners=" + openListenerPorts
                + ", leaks=" + leaks + ", binds=" + binds + ", connections=" + connections + "]";
    }
}
