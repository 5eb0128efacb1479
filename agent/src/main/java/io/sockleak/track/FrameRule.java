package io.sockleak.track;

import java.util.List;

/**
 * The one rule for "the application's line": the first frame of a stack that is neither the JDK, nor
 * an agent (this one, or another such as OpenTelemetry's), nor a library. Libraries are known client,
 * driver, pool, server and framework packages, and shaded copies of anything (a package segment such
 * as {@code shaded} or {@code repackaged}). {@code appPackages}, when given, decides exactly instead:
 * the first frame in one of those packages. Every report field named {@code frame} comes from here.
 */
public final class FrameRule {

    /** The application's frame and, when a library called the JDK, that library frame (else null). */
    public record Frames(String frame, String libraryFrame) {
    }

    private static final String[] JDK = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

    /** This agent's own packages (the demo and test applications under io.sockleak are applications). */
    private static final String[] AGENTS = {"io.sockleak.bootstrap.", "io.sockleak.track.", "io.sockleak.instrument.",
            "io.sockleak.entry.", "io.sockleak.diagnose.", "io.sockleak.report.", "io.sockleak.kernel.",
            "io.sockleak.jmx.", "io.sockleak.config.", "io.sockleak.cli.", "io.sockleak.shaded.",
            "io.opentelemetry.javaagent.", "co.elastic.apm.agent.", "com.newrelic.", "com.datadog.", "datadog.",
            "net.bytebuddy.", "org.glowroot.", "com.contrastsecurity."};

    /** Libraries that open, pool or serve connections for the application, and the frameworks around them. */
    private static final String[] LIBRARIES = {
            // JDBC drivers and pools
            "org.postgresql.", "com.mysql.", "org.mariadb.", "oracle.jdbc.", "com.microsoft.sqlserver.", "org.h2.",
            "org.hsqldb.", "com.ibm.db2.", "com.zaxxer.hikari.", "org.apache.commons.dbcp", "org.apache.commons.pool",
            "org.apache.tomcat.jdbc.", "com.mchange.", "com.alibaba.druid.", "io.agroal.",
            // HTTP, RPC and messaging clients
            "okhttp3.", "okio.", "retrofit2.", "org.apache.http.", "org.apache.hc.", "io.netty.", "io.grpc.",
            "reactor.", "io.vertx.", "org.asynchttpclient.", "feign.", "com.squareup.", "org.apache.kafka.",
            "com.rabbitmq.", "org.apache.activemq.", "software.amazon.awssdk.", "com.amazonaws.",
            "com.google.api.", "com.google.cloud.", "com.google.common.", "com.google.protobuf.",
            // data stores
            "redis.clients.", "io.lettuce.", "org.redisson.", "com.datastax.", "com.mongodb.", "org.mongodb.",
            "org.elasticsearch.", "co.elastic.clients.", "net.spy.memcached.", "org.apache.zookeeper.",
            "org.apache.curator.", "org.apache.cassandra.",
            // servers and frameworks
            "org.eclipse.jetty.", "org.apache.tomcat.", "org.apache.catalina.", "org.apache.coyote.", "io.undertow.",
            "org.xnio.", "org.springframework.", "org.hibernate.", "org.glassfish.", "org.jboss.", "io.micronaut.",
            "io.quarkus.", "io.smallrye.", "io.helidon.", "org.apache.cxf.", "com.fasterxml.", "kotlin.", "kotlinx.",
            "scala.", "akka.", "org.apache.pekko.", "io.reactivex.", "rx.", "groovy.", "org.codehaus.groovy.",
            "org.slf4j.", "ch.qos.logback.", "org.apache.logging.", "org.junit.", "junit.", "org.testng.",
            "org.apache.maven.surefire.", "org.gradle."};

    private static final String[] SHADED_SEGMENTS = {".shaded.", ".shade.", ".repackaged.", ".relocated.",
            ".vendor.", ".thirdparty.", ".third_party.", ".internal.shaded."};

    private final List<String> appPackages;

    public FrameRule(List<String> appPackages) {
        this.appPackages = List.copyOf(appPackages);
    }

    public static boolean isJdk(String className) {
        return startsWithAny(className, JDK);
    }

    /** JDK and agent frames: what differs between JDKs and agents, and never the application's line. */
    public static boolean isPlatform(String className) {
        return startsWithAny(className, JDK) || startsWithAny(className, AGENTS);
    }

    public static boolean isLibrary(String className) {
        if (startsWithAny(className, LIBRARIES)) {
            return true;
        }
        for (String segment : SHADED_SEGMENTS) {
            if (className.contains(segment)) {
                return true;
            }
        }
        return false;
    }

    private boolean isApplication(String className) {
        if (!appPackages.isEmpty()) {
            for (String p : appPackages) {
                if (className.startsWith(p) && (className.length() == p.length() || className.charAt(p.length()) == '.')) {
                    return true;
                }
            }
            return false;
        }
        return !isPlatform(className) && !isLibrary(className);
    }

    public Frames frames(List<StackTraceElement> stack) {
        String frame = null;
        for (StackTraceElement e : stack) {
            if (isApplication(e.getClassName())) {
                frame = e.toString();
                break;
            }
        }
        String library = null;
        for (StackTraceElement e : stack) {
            if (!isPlatform(e.getClassName())) {
                library = isApplication(e.getClassName()) ? null : e.toString();
                break;
            }
        }
        return new Frames(frame, library);
    }

    /** The application's frame of a stack already written as text ({@link StackTraceElement#toString}). */
    public String frameOf(List<String> stack) {
        for (String frame : stack) {
            if (isApplication(classNameOf(frame))) {
                return frame;
            }
        }
        return null;
    }

    /**
     * The class of a frame written as text: {@code [loader/][module@version/]pkg.Class.method(File:N)}.
     */
    public static String classNameOf(String frame) {
        int paren = frame.indexOf('(');
        String qualified = paren < 0 ? frame : frame.substring(0, paren);
        int slash = qualified.lastIndexOf('/');
        if (slash >= 0) {
            qualified = qualified.substring(slash + 1);
        }
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? qualified : qualified.substring(0, dot);
    }

    private static boolean startsWithAny(String className, String[] prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
