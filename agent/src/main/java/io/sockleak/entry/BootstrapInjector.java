package io.sockleak.entry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the tiny bridge package into the boot loader, where advice inlined into java.base can see
 * it. Only those classes go there: no Byte Buddy, no Jackson, nothing else of the agent.
 * Defining them directly (the JDK's internal Unsafe, exported to the agent for this) avoids appending
 * to the boot class path, which makes HotSpot print a CDS warning on the application's console;
 * appending stays as the fallback.
 */
final class BootstrapInjector {

    static final String BRIDGE_CLASS = "io.sockleak.bootstrap.SocketEvents";
    private static final List<String> BRIDGE_CLASSES = List.of(
            "io.sockleak.bootstrap.SocketEventSink",
            "io.sockleak.bootstrap.SocketEvents");

    private BootstrapInjector() {
    }

    static boolean alreadyInjected() {
        try {
            Class.forName(BRIDGE_CLASS, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * A bridge already in the boot loader stays for the JVM's life. One left by an older agent jar
     * lacks methods this agent's advice calls: every call would then fail (swallowed, but each builds
     * an error), so this agent refuses to start instead.
     */
    static void inject(Instrumentation instrumentation) throws IOException {
        if (alreadyInjected()) {
            requireCurrentBridge();
            return;
        }
        Map<String, byte[]> classes = bridgeClasses();
        try {
            defineInBootLoader(classes);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            if (!alreadyInjected()) {
                appendToBootClassPath(instrumentation, classes);
            }
        }
    }

    /** The newest method of the bridge: its absence means an older agent defined it. */
    private static final String NEWEST_BRIDGE_METHOD = "endOfStreamOn";

    private static void requireCurrentBridge() {
        try {
            for (java.lang.reflect.Method m : Class.forName(BRIDGE_CLASS, false, null).getMethods()) {
                if (m.getName().equals(NEWEST_BRIDGE_METHOD)) {
                    return;
                }
            }
        } catch (ClassNotFoundException e) {
            return;
        }
        throw new IllegalStateException("an older sockleak agent ran in this JVM and its bridge classes stay in"
                + " the boot loader; this version cannot use them: attach the same version as before, or restart"
                + " the JVM");
    }

    private static void defineInBootLoader(Map<String, byte[]> classes) throws ReflectiveOperationException {
        Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        Method define = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            define.invoke(unsafe, c.getKey(), c.getValue(), 0, c.getValue().length, null, null);
        }
    }

    private static Map<String, byte[]> bridgeClasses() throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (String name : BRIDGE_CLASSES) {
            String resource = name.replace('.', '/') + ".class";
            try (InputStream in = BootstrapInjector.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("agent jar lacks " + resource);
                }
                classes.put(name, in.readAllBytes());
            }
        }
        return classes;
    }

    private static void appendToBootClassPath(Instrumentation instrumentation, Map<String, byte[]> classes)
            throws IOException {
        Path jar = Files.createTempFile("sockleak-bootstrap-", ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                out.putNextEntry(new JarEntry(c.getKey().replace('.', '/') + ".class"));
                out.write(c.getValue());
                out.closeEntry();
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
        // The boot loader keeps the jar open; the name can go now.
        Files.deleteIfExists(jar);
    }
}
