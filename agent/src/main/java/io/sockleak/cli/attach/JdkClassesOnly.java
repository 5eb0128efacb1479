package io.sockleak.cli.attach;

import java.io.ObjectInputFilter;
import java.lang.reflect.Proxy;

/**
 * The deserialization filter of the CLI's JMX connection to a target JVM. JMX over RMI deserializes
 * what the target sends (the connector's stub, the reply), and the target may be a JVM the CLI's user
 * does not trust (root attaching to another user's process). Only classes of the JDK's own modules
 * pass (with arrays and proxies of them), within small limits; the control MBean sends nothing else.
 * Installed JVM-wide: the CLI is a short-lived process of its own, and RMI gives no per-stream hook.
 */
final class JdkClassesOnly implements ObjectInputFilter {

    static final long MAX_DEPTH = 20;
    static final long MAX_REFERENCES = 10_000;
    static final long MAX_BYTES = 1 << 20;
    static final long MAX_ARRAY = 100_000;

    private volatile String refused;

    private JdkClassesOnly() {
    }

    /**
     * Installs the filter for this JVM and returns it; null when a filter was set before (by
     * {@code -Djdk.serialFilter} or another caller): the user's own choice then stands.
     */
    static JdkClassesOnly install() {
        ObjectInputFilter current = ObjectInputFilter.Config.getSerialFilter();
        if (current instanceof JdkClassesOnly mine) {
            return mine;
        }
        if (current != null) {
            return null;
        }
        JdkClassesOnly filter = new JdkClassesOnly();
        try {
            ObjectInputFilter.Config.setSerialFilter(filter);
            return filter;
        } catch (IllegalStateException alreadySet) {
            return null;
        }
    }

    static JdkClassesOnly standalone() {
        return new JdkClassesOnly();
    }

    /** The last class refused, or null: the CLI names it when a reply could not be read. */
    String refused() {
        return refused;
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.streamBytes() > MAX_BYTES
                || info.arrayLength() > MAX_ARRAY) {
            refused = "a stream over the limits (depth " + info.depth() + ", " + info.references() + " references, "
                    + info.streamBytes() + " bytes, array of " + info.arrayLength() + ")";
            return Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null || isJdk(type)) {
            return Status.ALLOWED;
        }
        refused = type.getName();
        return Status.REJECTED;
    }

    static boolean isJdk(Class<?> type) {
        Class<?> c = type;
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive()) {
            return true;
        }
        if (Proxy.isProxyClass(c)) {
            for (Class<?> i : c.getInterfaces()) {
                if (!isJdk(i)) {
                    return false;
                }
            }
            return true;
        }
        Module module = c.getModule();
        String name = module.getName();
        return module.isNamed() && module.getLayer() == ModuleLayer.boot()
                && (name.startsWith("java.") || name.startsWith("jdk."));
    }
}
