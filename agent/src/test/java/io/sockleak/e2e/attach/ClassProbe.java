package io.sockleak.e2e.attach;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A test agent that reports what the JDK socket classes of a running JVM consist of right now: for
 * every loaded java.net / sun.nio.ch class, the hash of the bytes a retransformation starts from
 * after the transformers registered so far (with the sockleak transformer registered, the
 * instrumented bytes), and how many call sites in its methods' code invoke the sockleak bridge.
 * Call sites, not constant-pool entries: after a class is redefined back, HotSpot may keep the
 * instrumented version's constant pool entries (merged), unused.
 * Written to the file named in the agent arguments as "class hash calls" lines.
 */
public final class ClassProbe {

    static final String BRIDGE = "io/sockleak/bootstrap/SocketEvents";

    private ClassProbe() {
    }

    public static void agentmain(String output, Instrumentation instrumentation) throws Exception {
        Map<String, String> seen = new TreeMap<>();
        ClassFileTransformer capture = new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                                    ProtectionDomain domain, byte[] bytes) {
                if (redefined != null && name != null && (name.startsWith("java/net/") || name.startsWith("sun/nio/ch/"))) {
                    String calls;
                    try {
                        calls = Integer.toString(bridgeCalls(bytes));
                    } catch (RuntimeException e) {
                        calls = "unparsable";
                    }
                    seen.put(name.replace('/', '.'), sha256(bytes) + " " + calls);
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

    /** invokestatic instructions, in any method's code, of a method of the bridge class. */
    static int bridgeCalls(byte[] classFile) {
        ByteBuffer in = ByteBuffer.wrap(classFile);
        in.position(8);
        int count = in.getShort() & 0xFFFF;
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        int[] refClassIndex = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.get() & 0xFF;
            switch (tag) {
                case 1 -> {
                    byte[] b = new byte[in.getShort() & 0xFFFF];
                    in.get(b);
                    utf8[i] = new String(b, StandardCharsets.UTF_8); // modified UTF-8: fine for class names
                }
                case 7 -> classNameIndex[i] = in.getShort() & 0xFFFF;
                case 8, 16, 19, 20 -> in.getShort();
                case 3, 4 -> in.getInt();
                case 5, 6 -> {
                    in.getLong();
                    i++;
                }
                case 9, 10, 11 -> {
                    refClassIndex[i] = in.getShort() & 0xFFFF;
                    in.getShort();
                }
                case 12, 17, 18 -> in.getInt();
                case 15 -> {
                    in.get();
                    in.getShort();
                }
                default -> throw new IllegalArgumentException("constant pool tag " + tag);
            }
        }
        Set<Integer> bridgeMethods = new HashSet<>();
        for (int i = 1; i < count; i++) {
            int cls = refClassIndex[i];
            if (cls != 0 && BRIDGE.equals(utf8[classNameIndex[cls]])) {
                bridgeMethods.add(i);
            }
        }
        in.getShort(); // access
        in.getShort(); // this
        in.getShort(); // super
        int interfaces = in.getShort() & 0xFFFF;
        in.position(in.position() + 2 * interfaces);
        skipMembers(in, utf8, null);
        int[] calls = {0};
        skipMembers(in, utf8, code -> calls[0] += invokestatics(code, bridgeMethods));
        return calls[0];
    }

    private static void skipMembers(ByteBuffer in, String[] utf8, java.util.function.Consumer<byte[]> codeSink) {
        int members = in.getShort() & 0xFFFF;
        for (int m = 0; m < members; m++) {
            in.getShort();
            in.getShort();
            in.getShort();
            int attributes = in.getShort() & 0xFFFF;
            for (int a = 0; a < attributes; a++) {
                String name = utf8[in.getShort() & 0xFFFF];
                int length = in.getInt();
                int end = in.position() + length;
                if (codeSink != null && "Code".equals(name)) {
                    in.getShort();
                    in.getShort();
                    byte[] code = new byte[in.getInt()];
                    in.get(code);
                    codeSink.accept(code);
                }
                in.position(end);
            }
        }
    }

    private static int invokestatics(byte[] code, Set<Integer> targets) {
        int calls = 0;
        int pc = 0;
        while (pc < code.length) {
            int op = code[pc] & 0xFF;
            if (op == 0xB8 && targets.contains(((code[pc + 1] & 0xFF) << 8) | (code[pc + 2] & 0xFF))) {
                calls++;
            }
            pc += length(code, pc, op);
        }
        return calls;
    }

    /** The length of the instruction at {@code pc}, operands included. */
    private static int length(byte[] code, int pc, int op) {
        if (op == 0xAA || op == 0xAB) { // tableswitch, lookupswitch: padded to a multiple of 4
            int p = (pc + 4) & ~3;
            if (op == 0xAA) {
                int low = ByteBuffer.wrap(code, p + 4, 4).getInt();
                int high = ByteBuffer.wrap(code, p + 8, 4).getInt();
                return p - pc + 12 + 4 * (high - low + 1);
            }
            int pairs = ByteBuffer.wrap(code, p + 4, 4).getInt();
            return p - pc + 8 + 8 * pairs;
        }
        if (op == 0xC4) { // wide
            return (code[pc + 1] & 0xFF) == 0x84 ? 6 : 4;
        }
        if (op == 0x10 || op == 0x12 || (op >= 0x15 && op <= 0x19) || (op >= 0x36 && op <= 0x3A) || op == 0xA9
                || op == 0xBC) {
            return 2;
        }
        if (op == 0x11 || op == 0x13 || op == 0x14 || op == 0x84 || (op >= 0x99 && op <= 0xA8)
                || (op >= 0xB2 && op <= 0xB8) || op == 0xBB || op == 0xBD || op == 0xC0 || op == 0xC1
                || op == 0xC6 || op == 0xC7) {
            return 3;
        }
        if (op == 0xC5) {
            return 4;
        }
        if (op == 0xB9 || op == 0xBA || op == 0xC8 || op == 0xC9) {
            return 5;
        }
        return 1;
    }
}
