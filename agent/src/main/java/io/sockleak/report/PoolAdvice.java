package io.sockleak.report;

/**
 * What to change so that a pool stops keeping connections its peer has closed: the setting that
 * evicts idle connections before the peer's idle timeout, or tests them on borrow, in each pool's own
 * words. The code that borrows is right; the pool's configuration is what to fix.
 */
final class PoolAdvice {

    private PoolAdvice() {
    }

    static String forPool(String pool) {
        String common = "Not a leak: the pool drops this connection on its next borrow or eviction.";
        return common + " To keep idle connections from outliving the server's idle timeout: " + switch (pool) {
            case "HikariCP" -> "set maxLifetime (and idleTimeout) a few seconds shorter than the database's"
                    + " idle-session or firewall timeout; keepaliveTime keeps idle connections alive instead.";
            case "commons-pool2" -> "enable testWhileIdle with timeBetweenEvictionRuns and"
                    + " minEvictableIdleDuration shorter than the server's idle timeout (Jedis: JedisPoolConfig"
                    + " does this by default; redis 'timeout' shorter than the eviction run leaves connections stale);"
                    + " or testOnBorrow.";
            case "OkHttp" -> "give the ConnectionPool a keepAliveDuration shorter than the server's keep-alive"
                    + " timeout (OkHttp's default is 5 minutes).";
            case "Apache HttpClient 5" -> "set the connection manager's idle eviction"
                    + " (HttpClientBuilder.evictIdleConnections) and validateAfterInactivity shorter than the"
                    + " server's keep-alive timeout.";
            case "Apache HttpClient 4" -> "call evictIdleConnections on the builder (or closeIdleConnections"
                    + " periodically) and setValidateAfterInactivity shorter than the server's keep-alive timeout.";
            case "HttpURLConnection keep-alive" -> "the JDK keeps idle connections 5 s by default (or what the"
                    + " server's Keep-Alive header says); set -Dhttp.keepAlive.time.server shorter, or"
                    + " http.keepAlive=false.";
            case "java.net.http" -> "set -Djdk.httpclient.keepalive.timeout shorter than the server's keep-alive"
                    + " timeout.";
            default -> "evict idle connections before the peer's idle timeout, or validate them on borrow.";
        };
    }
}
