package io.sockleak.model;

import java.nio.file.Path;
import java.util.List;

/**
 * A fixed set of findings, every field of the report model filled somewhere: leaks of each kind and
 * evidence, stale pooled connections, young sockets, listeners with unaccepted connections, bind
 * failures with holders of each owner, sites and a summary. The golden files under
 * src/test/resources/golden were written from these before the packages were re-housed; the JSON
 * for them must never change without a schema version change.
 */
public final class GoldenFindings {

    /** Relative to the agent module, where Maven runs the tests; the CLI answers print this path. */
    public static final Path FOLDER = Path.of("src", "test", "resources", "golden");

    static final long PID = 4242;
    static final String STARTED = "2025-03-01T10:00:00Z";

    private static final List<String> ACCEPT_STACK = List.of(
            "java.net.ServerSocket.accept(ServerSocket.java:530)",
            "com.example.Server.serve(Server.java:41)",
            "com.example.Server.main(Server.java:12)");
    private static final List<String> CONNECT_STACK = List.of(
            "java.net.Socket.connect(Socket.java:633)",
            "org.apache.http.impl.conn.DefaultHttpClientConnectionOperator.connect(DefaultHttpClientConnectionOperator.java:142)",
            "com.example.Client.fetch(Client.java:77)");
    private static final List<String> BORROW_STACK = List.of(
            "com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:100)",
            "com.example.Repo.load(Repo.java:23)");
    private static final List<String> OPEN_STACK = List.of(
            "java.nio.channels.SocketChannel.open(SocketChannel.java:285)",
            "okhttp3.internal.connection.RealConnection.connect(RealConnection.kt:190)");
    private static final List<String> LISTEN_STACK = List.of(
            "java.net.ServerSocket.<init>(ServerSocket.java:150)",
            "com.example.Server.main(Server.java:10)");
    private static final List<String> BIND_STACK = List.of(
            "java.net.ServerSocket.bind(ServerSocket.java:387)",
            "com.example.Server.restart(Server.java:55)");

    private GoldenFindings() {
    }

    /** The full report: one of everything. */
    public static LeakReport report() {
        List<Leak> leaks = List.of(
                new Leak("CLOSE_WAIT", "accepted", "socket", "127.0.0.1:8080", "127.0.0.1:50412", 11, 5252L,
                        "CLOSE_WAIT", "2025-03-01T11:58:00Z", "worker-1", ACCEPT_STACK, "s1",
                        "2025-03-01T11:59:00Z", 60L, null, "CLOSE_WAIT_AGED", "com.example.Server.serve(Server.java:41)",
                        null, null, null, null, List.of(), null, null, List.of(), null, false),
                new Leak("CLOSE_WAIT", "connected", "channel", "127.0.0.1:50500", "127.0.0.1:5432", 12, 5253L,
                        "CLOSE_WAIT", "2025-03-01T11:57:00Z", "db-1", CONNECT_STACK, "s2",
                        "2025-03-01T11:59:30Z", 30L, null, "BORROWED_NOT_RETURNED", "com.example.Repo.load(Repo.java:23)",
                        "org.apache.http.impl.conn.DefaultHttpClientConnectionOperator.connect(DefaultHttpClientConnectionOperator.java:142)",
                        "HikariPool-1", "2025-03-01T11:58:30Z", "request-7", BORROW_STACK,
                        "com.example.Repo.load(Repo.java:23)", null, List.of(), null, false),
                new Leak("CLOSE_WAIT", "connected", "async", "127.0.0.1:50600", "127.0.0.1:9000", 13, 5254L,
                        "CLOSE_WAIT", "2025-03-01T11:56:00Z", "OkHttp ConnectionPool", CONNECT_STACK, "s2",
                        "2025-03-01T11:59:50Z", 10L, null, "READ_EOF_KEPT", "com.example.Client.fetch(Client.java:77)",
                        null, null, null, null, List.of(), null, "request-9", OPEN_STACK, "okhttp", false),
                new Leak("CLOSE_WAIT", "accepted", "socket", "127.0.0.1:8080", "127.0.0.1:50413", 14, 5255L,
                        "CLOSE_WAIT", "2025-03-01T11:55:00Z", "worker-2", ACCEPT_STACK, "s1",
                        "2025-03-01T11:59:58Z", 2L, null, "OPEN_AT_EXIT", "com.example.Server.serve(Server.java:41)",
                        null, null, null, null, List.of(), null, null, List.of(), null, true),
                new Leak("COLLECTED_OPEN", "connected", "socket", "127.0.0.1:50700", "127.0.0.1:6379", 15, null,
                        null, "2025-03-01T11:50:00Z", "main", CONNECT_STACK, "s2", null, null,
                        "2025-03-01T11:51:00Z", "COLLECTED_OPEN", "com.example.Client.fetch(Client.java:77)",
                        null, null, null, null, List.of(), null, null, List.of(), null, false),
                new Leak("UNTRACKED", "unknown", "unknown", "127.0.0.1:8080", "127.0.0.1:50999", 16, 5260L,
                        "CLOSE_WAIT", null, null, List.of(), null, "2025-03-01T11:59:00Z", 60L, null, "UNTRACKED",
                        null, null, null, null, null, List.of(), null, null, List.of(), null, false));
        List<StalePooled> stale = List.of(new StalePooled("HikariPool-1", "127.0.0.1:50800", "127.0.0.1:5432", 17,
                5270L, 40L, 45L, "2025-03-01T11:40:00Z", "s2", "com.example.Repo.load(Repo.java:23)", null,
                CONNECT_STACK, "set maxLifetime below the server's idle timeout"));
        List<ListenerEntry> listeners = List.of(
                new ListenerEntry("127.0.0.1:8080", 2, 5, 5246L, "socket", "2025-03-01T10:00:01Z", "main", LISTEN_STACK,
                        "s3", List.of(new UnacceptedConnection("127.0.0.1:51000", "CLOSE_WAIT", 1),
                        new UnacceptedConnection("127.0.0.1:51001", "ESTABLISHED", 0)),
                        "com.example.Server.main(Server.java:10)", null),
                new ListenerEntry("0.0.0.0:9090", -1, null, null, null, null, null, List.of(), null, List.of(), null,
                        null));
        List<BindFailure> binds = List.of(new BindFailure(8080, "0.0.0.0:8080", "2025-03-01T11:00:00Z", "main",
                BIND_STACK, List.of(
                new PortHolder("LISTEN", PortHolder.THIS_JVM, null, 1, "127.0.0.1:8080", null, LISTEN_STACK,
                        "com.example.Server.main(Server.java:10)"),
                new PortHolder("ESTABLISHED", PortHolder.OTHER_PROCESS, 777L, 2, "0.0.0.0:8080", null, List.of()),
                new PortHolder("TIME_WAIT", PortHolder.NONE, null, 3, "127.0.0.1:8080", 42.5, List.of())),
                false, "set SO_REUSEADDR before bind"));
        List<SiteEntry> sites = List.of(
                new SiteEntry("s2", 3, "com.example.Client.fetch(Client.java:77)",
                        "org.apache.http.impl.conn.DefaultHttpClientConnectionOperator.connect(DefaultHttpClientConnectionOperator.java:142)",
                        CONNECT_STACK),
                new SiteEntry("s1", 2, "com.example.Server.serve(Server.java:41)", null, ACCEPT_STACK));
        List<SiteEntry> openBySite = List.of(
                new SiteEntry("s1", 4, "com.example.Server.serve(Server.java:41)", null, ACCEPT_STACK),
                new SiteEntry("s2", 3, "com.example.Client.fetch(Client.java:77)", null, CONNECT_STACK));
        Summary summary = new Summary(9, 4, 2, 1, 1, 1, 3, 2);
        return new LeakReport(LeakReport.SCHEMA_VERSION, "2025-03-01T12:00:00Z", Trigger.INTERVAL.jsonName(),
                process("premain", new FdUsage(40, 1024)),
                new AgentStatus(2, "NullPointerException in advice", 100000, 5, 1, 16, 7, "interval=60s"),
                new KernelStatus(true, null, 12L, "netlink"), summary, listeners, leaks, stale, sites, openBySite, binds,
                List.of("young: 3 CLOSE_WAIT sockets were too young to judge"));
    }

    /** An earlier report of the same process: fewer leaks, one site only, no kernel view. */
    public static LeakReport earlier() {
        Leak leak = new Leak("CLOSE_WAIT", "accepted", "socket", "127.0.0.1:8080", "127.0.0.1:50300", 11, 5200L,
                "CLOSE_WAIT", "2025-03-01T10:58:00Z", "worker-1", ACCEPT_STACK, "s1", "2025-03-01T10:59:00Z", 60L,
                null, "CLOSE_WAIT_AGED", "com.example.Server.serve(Server.java:41)", null, null, null, null,
                List.of(), null, null, List.of(), null, false);
        Summary summary = new Summary(3, 1, 0, 0, 0, 0, 0, 0);
        return new LeakReport(LeakReport.SCHEMA_VERSION, "2025-03-01T11:00:00Z", Trigger.ON_DEMAND.jsonName(),
                process("attach", null), new AgentStatus(0, null, 100000, 0, 0, 16, 1, ""),
                new KernelStatus(false, "no /proc", null, null), summary, List.of(), List.of(leak), List.of(),
                List.of(new SiteEntry("s1", 1, "com.example.Server.serve(Server.java:41)", null, ACCEPT_STACK)),
                List.of(), List.of(), List.of());
    }

    private static ProcessInfo process(String startMode, FdUsage fds) {
        return new ProcessInfo(PID, "com.example.Server", "17.0.15", "0.1.0-SNAPSHOT", startMode, STARTED, fds);
    }
}
