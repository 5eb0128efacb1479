package io.sockleak.testing;

import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The PostgreSQL and Redis servers the pool tests use (started by {@code scripts/test-servers}), and
 * what a test or a child app does to them as an administrator: end sessions, set idle timeouts.
 * A missing server FAILS the test with what to run: a skipped test would prove nothing.
 */
public final class TestServers {

    public static final String HOST = "127.0.0.1";
    public static final int PG_PORT = 5432;
    public static final String PG_DATABASE = "sockleak";
    public static final String PG_USER = "sockleak";
    public static final String PG_PASSWORD = "sockleak";
    public static final int REDIS_PORT = 6379;

    private static final String HOW_TO_START = ": run scripts/test-servers (as root)";

    private TestServers() {
    }

    public static String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PG_PORT + "/" + PG_DATABASE;
    }

    /**
     * Login properties for pgjdbc. {@code applicationName} tags the sessions (pg_stat_activity's
     * application_name) so a test ends only its own child's sessions, never another test's.
     */
    public static Properties pgProperties(String applicationName) {
        Properties p = new Properties();
        p.setProperty("user", PG_USER);
        p.setProperty("password", PG_PASSWORD);
        p.setProperty("ApplicationName", applicationName);
        return p;
    }

    /** Fails (AssertionError) unless PostgreSQL accepts the sockleak login on 127.0.0.1:5432. */
    public static void requirePostgres() {
        requirePort("PostgreSQL", PG_PORT);
        try (Connection c = admin(); ResultSet r = c.createStatement().executeQuery("SELECT 1")) {
            r.next();
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL on " + HOST + ":" + PG_PORT + " refused the sockleak login ("
                    + e.getMessage() + ")" + HOW_TO_START, e);
        }
    }

    /** Fails (AssertionError) unless Redis answers PING on 127.0.0.1:6379. */
    public static void requireRedis() {
        requirePort("Redis", REDIS_PORT);
        try (Jedis jedis = new Jedis(HOST, REDIS_PORT)) {
            if (!"PONG".equals(jedis.ping())) {
                throw new AssertionError("Redis on " + HOST + ":" + REDIS_PORT + " did not answer PING" + HOW_TO_START);
            }
        } catch (RuntimeException e) {
            throw new AssertionError("Redis on " + HOST + ":" + REDIS_PORT + " did not answer (" + e + ")" + HOW_TO_START, e);
        }
    }

    private static void requirePort(String server, int port) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(HOST, port), 2000);
        } catch (IOException e) {
            throw new AssertionError(server + " not reachable on " + HOST + ":" + port + HOW_TO_START + " (" + e + ")", e);
        }
    }

    // ------------------------------------------------------------------ PostgreSQL administration

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), pgProperties("sockleak-admin"));
    }

    /**
     * Ends every session tagged {@code applicationName} (see {@link #pgProperties}), waiting up to
     * 5 s for each backend to be gone, the way an operator or a DB restart would. Returns how many.
     */
    public static int terminateBackends(String applicationName) {
        String sql = "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) FROM pg_stat_activity"
                + " WHERE usename = ? AND application_name = ? AND pid <> pg_backend_pid()";
        try (Connection c = admin(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, PG_USER);
            s.setString(2, applicationName);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not end the sessions of " + applicationName, e);
        }
    }

    /** How many sessions tagged {@code applicationName} the server has open. */
    public static int backends(String applicationName) {
        String sql = "SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND application_name = ?";
        try (Connection c = admin(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, PG_USER);
            s.setString(2, applicationName);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the sessions of " + applicationName, e);
        }
    }

    /**
     * The SQL that makes the server end a session idle for longer than {@code millis}
     * (idle_session_timeout, PostgreSQL 14+): run it on a connection, e.g. as a pool's init SQL.
     */
    public static String idleSessionTimeoutSql(long millis) {
        return "SET idle_session_timeout = " + millis;
    }

    // ------------------------------------------------------------------ Redis administration

    /** CONFIG SET timeout: the server closes clients idle for more than {@code seconds} (0 = never). */
    public static void redisTimeout(int seconds) {
        try (Jedis admin = new Jedis(HOST, REDIS_PORT)) {
            admin.configSet("timeout", Integer.toString(seconds));
        }
    }

    /** CLIENT KILL for every client that set {@code name} (CLIENT SETNAME); returns how many. */
    public static int killRedisClients(String name) {
        int killed = 0;
        try (Jedis admin = new Jedis(HOST, REDIS_PORT)) {
            for (String client : admin.clientList().split("\n")) {
                String id = field(client, "id");
                if (name.equals(field(client, "name")) && id != null) {
                    killed += (int) admin.clientKill(new redis.clients.jedis.params.ClientKillParams().id(id));
                }
            }
        }
        return killed;
    }

    private static String field(String clientLine, String key) {
        for (String pair : clientLine.trim().split(" ")) {
            if (pair.startsWith(key + "=")) {
                return pair.substring(key.length() + 1);
            }
        }
        return null;
    }
}
