package io.sockleak.architecture;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The room rules of docs/architecture.md, checked on the compiled classes (so a fully qualified name
 * or a lambda counts as much as an import): data flows kernel/track -> diagnose -> report, ports is a
 * stage of its own, entry composes, the CLI sits beside the agent.
 */
class ArchitectureTest {

    private static final Path CLASSES = Path.of("target/classes/io/sockleak");
    /** Package (e.g. "diagnose") -> the sockleak packages its classes reference. */
    private static final Map<String, Set<String>> USES = new TreeMap<>();
    /** Every type the boot bridge references. */
    private static final Set<String> BOOTSTRAP_TYPES = new TreeSet<>();

    @BeforeAll
    static void readClasses() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(ArchitectureTest::read);
        }
        assertFalse(USES.isEmpty(), "no classes under " + CLASSES.toAbsolutePath());
    }

    @Test
    void stagesNeverReachLaterRoomsTheEntryOrTheCli() {
        for (String stage : List.of("kernel", "track", "diagnose", "ports", "instrument", "instrument.library",
                "config", "model", "support", "bootstrap", "control")) {
            assertNone(stage, "report", "entry", "cli", "jmx", "jfr");
        }
        assertNone("report", "entry", "cli", "jmx", "jfr", "ports");
        assertNone("jmx", "entry", "cli", "report", "jfr");
        assertNone("jfr", "entry", "cli", "report", "jmx");
    }

    @Test
    void agentCodeNeverImportsTheCli() {
        USES.forEach((pkg, used) -> {
            if (!pkg.equals("cli") && !pkg.startsWith("cli.")) {
                assertNone(pkg, "cli");
            }
        });
    }

    @Test
    void theCliReachesTheAgentOnlyThroughTheControlProtocol() {
        for (String cli : List.of("cli", "cli.analyse", "cli.attach", "cli.html")) {
            assertNone(cli, "entry", "report", "diagnose", "ports", "jmx", "jfr", "instrument", "bootstrap", "kernel");
        }
    }

    @Test
    void leavesImportNothingOfSockleak() {
        for (String leaf : List.of("kernel", "kernel.netlink", "model", "support", "bootstrap", "control")) {
            assertEquals(Set.of(leaf), USES.getOrDefault(leaf, Set.of(leaf)), leaf + " must be a leaf");
        }
        assertEquals(Set.of(), without(USES.get("config"), "config", "support"), "config may use support only");
    }

    @Test
    void theBootBridgeReferencesOnlyJavaTypes() {
        List<String> foreign = new ArrayList<>();
        for (String type : BOOTSTRAP_TYPES) {
            if (!type.startsWith("java/") && !type.startsWith("io/sockleak/bootstrap/")) {
                foreign.add(type);
            }
        }
        assertEquals(List.of(), foreign, "the boot bridge sits on the boot class path: only java.* is there");
    }

    @Test
    void theRulesSeeEveryPackage() {
        assertEquals(new TreeSet<>(List.of("bootstrap", "cli", "cli.analyse", "cli.attach", "cli.html", "config",
                        "control", "diagnose", "entry", "instrument", "instrument.library", "jfr", "jmx", "kernel",
                        "kernel.netlink", "model", "ports", "report",
                        "support", "track")), USES.keySet(),
                "a new package needs its rule here, a package-info.java and a line in docs/architecture.md");
    }

    private static Set<String> without(Set<String> used, String... allowed) {
        Set<String> rest = new TreeSet<>(used);
        List.of(allowed).forEach(rest::remove);
        return rest;
    }

    private static void assertNone(String pkg, String... forbidden) {
        Set<String> used = USES.getOrDefault(pkg, Set.of());
        for (String room : forbidden) {
            for (String u : used) {
                assertFalse(u.equals(room) || u.startsWith(room + "."),
                        "io.sockleak." + pkg + " must not use io.sockleak." + u);
            }
        }
    }

    private static void read(Path file) {
        String pkg = CLASSES.relativize(file.getParent()).toString().replace('/', '.');
        if (pkg.isEmpty()) {
            pkg = "(root)";
        }
        Set<String> used = USES.computeIfAbsent(pkg, k -> new TreeSet<>());
        String self = pkg;
        Remapper collector = new Remapper() {
            @Override
            public String map(String internalName) {
                if (self.equals("bootstrap")) {
                    BOOTSTRAP_TYPES.add(internalName);
                }
                if (internalName.startsWith("io/sockleak/")) {
                    String path = internalName.substring("io/sockleak/".length());
                    int slash = path.lastIndexOf('/');
                    used.add(slash < 0 ? "(root)" : path.substring(0, slash).replace('/', '.'));
                }
                return internalName;
            }
        };
        try {
            // A writer as the sink: it asks for every method body, so the remapper sees their references too.
            ClassWriter sink = new ClassWriter(0);
            new ClassReader(Files.readAllBytes(file)).accept(new ClassRemapper(sink, collector), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
