package io.sockleak.track;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The one rule for the application's frame, and site ids that do not depend on the JDK's frames. */
class FrameRuleTest {

    private static StackTraceElement frame(String type, String method, int line) {
        String file = type.substring(type.lastIndexOf('.') + 1) + ".java";
        return new StackTraceElement(type, method, file, line);
    }

    /** A pgjdbc connect as the JDK 17 agent captures it, from Socket.connect down to the application. */
    private static final List<StackTraceElement> PGJDBC = List.of(
            frame("java.net.Socket", "connect", 633),
            frame("org.postgresql.core.PGStream", "createSocket", 260),
            frame("org.postgresql.core.PGStream", "<init>", 121),
            frame("org.postgresql.core.v3.ConnectionFactoryImpl", "openConnectionImpl", 146),
            frame("org.postgresql.Driver", "connect", 297),
            frame("java.sql.DriverManager", "getConnection", 681),
            frame("com.example.orders.OrderDao", "load", 42),
            frame("com.example.orders.OrderService", "handle", 17));

    @Test
    void theApplicationFrameSkipsTheDriverAndTheJdkAndTheLibraryFrameIsTheDriversCall() {
        FrameRule.Frames frames = new FrameRule(List.of()).frames(PGJDBC);
        assertEquals("com.example.orders.OrderDao.load(OrderDao.java:42)", frames.frame());
        assertEquals("org.postgresql.core.PGStream.createSocket(PGStream.java:260)", frames.libraryFrame());
    }

    @Test
    void appPackagesDecideExactly() {
        assertEquals("com.example.orders.OrderService.handle(OrderService.java:17)",
                new FrameRule(List.of("com.example.orders.OrderService")).frames(PGJDBC).frame());
        assertNull(new FrameRule(List.of("org.acme")).frames(PGJDBC).frame(), "no frame of the application at all");
        assertNull(new FrameRule(List.of("com.example.ord")).frames(PGJDBC).frame(), "a prefix is a whole package");
    }

    @Test
    void shadedLibrariesAndOtherAgentsAreNotTheApplication() {
        List<StackTraceElement> grpc = List.of(
                frame("sun.nio.ch.SocketChannelImpl", "connect", 1),
                frame("com.acme.shaded.io.netty.channel.Bootstrap", "connect", 2),
                frame("io.opentelemetry.javaagent.bootstrap.Wrapper", "run", 3),
                frame("com.acme.billing.Client", "call", 4));
        FrameRule.Frames frames = new FrameRule(List.of()).frames(grpc);
        assertEquals("com.acme.billing.Client.call(Client.java:4)", frames.frame());
        assertEquals("com.acme.shaded.io.netty.channel.Bootstrap.connect(Bootstrap.java:2)", frames.libraryFrame());
    }

    @Test
    void anApplicationThatCalledTheJdkItselfHasNoLibraryFrame() {
        List<StackTraceElement> direct = List.of(frame("java.net.ServerSocket", "accept", 1),
                frame("com.example.Server", "run", 9));
        assertNull(new FrameRule(List.of()).frames(direct).libraryFrame());
    }

    @Test
    void framesWrittenAsTextAreReadTheSameWay() {
        List<String> text = List.of("java.base/java.net.Socket.connect(Socket.java:633)",
                "redis.clients.jedis.DefaultJedisSocketFactory.createSocket(DefaultJedisSocketFactory.java:95)",
                "app//com.example.Cache.get(Cache.java:31)");
        assertEquals("app//com.example.Cache.get(Cache.java:31)", new FrameRule(List.of()).frameOf(text));
        assertEquals("java.net.Socket", FrameRule.classNameOf(text.get(0)));
    }

    @Test
    void theSiteIdIgnoresJdkAndAgentFramesSoItIsTheSameOnEveryJdk() {
        List<StackTraceElement> jdk25 = List.of(
                frame("sun.nio.ch.NioSocketImpl", "connect", 610),
                frame("java.net.SocksSocketImpl", "connect", 330),
                frame("java.net.Socket", "connect", 751),
                frame("org.postgresql.core.PGStream", "createSocket", 260),
                frame("com.example.orders.OrderDao", "load", 42));
        List<StackTraceElement> jdk17 = List.of(
                frame("java.net.Socket", "connect", 633),
                frame("org.postgresql.core.PGStream", "createSocket", 260),
                frame("com.example.orders.OrderDao", "load", 42));
        assertEquals(SiteTable.idOf(jdk17), SiteTable.idOf(jdk25));
        assertNotEquals(SiteTable.idOf(jdk17), SiteTable.idOf(List.of(jdk17.get(0), jdk17.get(2))));
    }

    @Test
    void stacksOfOnlyJdkFramesStillGetDistinctIds() {
        List<StackTraceElement> accept = List.of(frame("sun.nio.ch.UnixAsynchronousServerSocketChannelImpl", "finishAccept", 1),
                frame("java.lang.Thread", "run", 2));
        List<StackTraceElement> connect = List.of(frame("sun.nio.ch.UnixAsynchronousSocketChannelImpl", "finishConnect", 3),
                frame("java.lang.Thread", "run", 2));
        assertNotEquals(SiteTable.idOf(accept), SiteTable.idOf(connect));
    }
}
