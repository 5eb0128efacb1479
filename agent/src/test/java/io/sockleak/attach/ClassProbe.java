package io.sockleak.attach;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test agent that reports what the JDK socket classes of a running JVM consist of right now: for
 * every loaded java.net / sun.nio.ch class, the hash of the bytes a retransformation would start
 * from after the transformers registered so far, and whether they call the sockleak bridge. With the
 * sockleak transformer registered those are the instrumented bytes; without it, the original ones.
 * Written to the file named in the agent arguments as "class hash calls-bridge" lines.
 */
public final class ClassProbe {

    private static final byte[] BRIDGE = "io/sockleak/bootstrap/SocketEvents".getBytes(StandardCharsets.UTF_8);

    private ClassProbe() {
    }

    public static void agentmain(String output, Instrumentation instrumentation) throws Exception {
        Map<String, String> seen = new TreeMap<>();
        ClassFileTransformer capture = new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                                    ProtectionDomain domain, byte[] bytes) {
                if (redefined != null && name != null && (name.startsWith("java/net/") || name.startsWith("sun/nio/ch/"))) {
                    seen.put(name.replace('/', '.'), sha256(bytes) + " " + contains(bytes, BRIDGE));
                }
                return null;
            }
        };
        instrumentation.addTransformer(capture, true);
        try {
            for (Class<?> c : instrumentation.getAllLoadedClasses()) {
                String name = c.getName();
                if ((name.startsWith("java.net.") || name.startsWith("sun.nio.ch.")) && !name.contains("/")
                        && instrumentation.isModifiableClass(c)) {
                    try {
                        instrumentation.retransformClasses(c);
                    } catch (Throwable t) {
                        seen.put(name, "failed " + t.getClass().getSimpleName());
                    }
                }
            }
        } finally {
            instrumentation.removeTransformer(capture);
        }
        List<String> lines = new ArrayList<>();
        seen.forEach((k, v) -> lines.add(k + " " + v));
        Files.write(Path.of(output), lines, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (Exception e) {
            return "?";
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
