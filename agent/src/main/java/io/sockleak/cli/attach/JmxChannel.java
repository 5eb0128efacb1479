package io.sockleak.cli.attach;

import io.sockleak.control.Reply;
import io.sockleak.control.ControlNames;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.util.Map;

/**
 * The way to an agent loaded before: its control MBean ({@link ControlNames#CONTROL_MBEAN}) through the
 * target JVM's local JMX connector, which the attach API starts (or finds started) in that JVM. That
 * connector listens on loopback only, and its address is handed out only through the attach
 * mechanism and the JVM's owner-only performance-data file: only the JVM's user (or root) gets it,
 * as with the attach itself. Nothing is loaded into the target, so the JDK prints no dynamic-load
 * warning. Used only when this runtime has java.management.rmi ({@link #available()}); loading
 * this class without it fails.
 */
final class JmxChannel {

    /** The channel could not be opened: nothing reached the agent, an agent load may do instead. */
    static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason);
        }
    }

    private static final String CONNECT_TIMEOUT = "sun.rmi.transport.proxy.connectTimeout";
    private static final String RESPONSE_TIMEOUT = "sun.rmi.transport.tcp.responseTimeout";

    private JmxChannel() {
    }

    static boolean available() {
        return ModuleLayer.boot().findModule("java.management.rmi").isPresent();
    }

    /**
     * Sends one request and returns the agent's answer. Throws {@link Unavailable} when the channel
     * could not be opened (then the request did not run), {@link AttachFailure} when it was sent but
     * no answer could be read (then it may have run: sending it again would run it twice).
     */
    static Reply send(HotSpotAttach vm, long pid, String request) throws Unavailable, AttachFailure {
        // RMI waits forever by default; a JVM that stopped answering must not hang the CLI.
        setIfAbsent(CONNECT_TIMEOUT, "10000");
        setIfAbsent(RESPONSE_TIMEOUT, "120000");
        JdkClassesOnly filter = JdkClassesOnly.install();
        String address = vm.startLocalManagementAgent();
        JMXConnector connector;
        MBeanServerConnection mbeans;
        ObjectName name;
        try {
            name = new ObjectName(ControlNames.CONTROL_MBEAN);
            connector = JMXConnectorFactory.connect(new JMXServiceURL(address), Map.of());
            mbeans = connector.getMBeanServerConnection();
            if (!mbeans.isRegistered(name)) {
                close(connector);
                throw new Unavailable("its local JMX connector has no " + ControlNames.CONTROL_MBEAN);
            }
        } catch (Unavailable u) {
            throw u;
        } catch (Exception e) {
            throw new Unavailable("its local JMX connector did not let this CLI in: " + refusedOr(filter, e));
        }
        try {
            Object answer = mbeans.invoke(name, "control", new Object[] {request}, new String[] {String.class.getName()});
            if (!(answer instanceof String text)) {
                throw new AttachFailure("pid " + pid + " answered through JMX with "
                        + (answer == null ? "nothing" : "a " + answer.getClass().getName()) + " instead of text");
            }
            return Reply.parse(text);
        } catch (AttachFailure f) {
            throw f;
        } catch (Exception e) {
            throw new AttachFailure("pid " + pid + " took the request through JMX but its answer could not be read: "
                    + refusedOr(filter, e));
        } finally {
            close(connector);
        }
    }

    private static String refusedOr(JdkClassesOnly filter, Exception e) {
        if (filter != null && filter.refused() != null) {
            return "it sent " + filter.refused() + ", refused (only the JDK's own classes are read from a target)";
        }
        // RMI's messages carry their nested exception on further lines: one line for the user.
        return HotSpotAttach.describe(e).replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static void close(JMXConnector connector) {
        try {
            connector.close();
        } catch (Exception ignored) {
            // the connection is gone either way
        }
    }
}
