package io.sockleak.entry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the tiny bridge package on the boot class path, where advice inlined into java.base can see
 * it. Only those classes go there: no Byte Buddy, no Jackson, nothing else of the agent.
 */
final class BootstrapInjector {

    static final String BRIDGE_CLASS = "io.sockleak.bootstrap.SocketEvents";
    private static final List<String> BRIDGE_CLASSES = List.of(
            "io/sockleak/bootstrap/SocketEvents.class",
            "io/sockleak/bootstrap/SocketEventSink.class");

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

    static void inject(Instrumentation instrumentation) throws IOException {
        if (alreadyInjected()) {
            return;
        }
        Path jar = Files.createTempFile("sockleak-bootstrap-", ".jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : BRIDGE_CLASSES) {
                try (InputStream in = BootstrapInjector.class.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("agent jar lacks " + name);
                    }
                    out.putNextEntry(new JarEntry(name));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
        // The boot loader keeps the jar open; the name can go now.
        Files.deleteIfExists(jar);
    }
}
