package io.sockleak.entry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which launcher commands are the sockleak CLI (the real CLI under JAVA_TOOL_OPTIONS: CliUnderToolOptionsIT). */
class CliJvmTest {

    @TempDir
    Path dir;

    @Test
    void theCliMainClassNamedDirectly() {
        assertTrue(CliJvm.isCli("io.sockleak.cli.Main dump 4242"));
        assertTrue(CliJvm.isCli("io.sockleak.cli.Main"));
        assertFalse(CliJvm.isCli("com.example.Main io.sockleak.cli.Main"), "an argument is not the main class");
        assertFalse(CliJvm.isCli("io.sockleak.cli.MainTest"));
    }

    @Test
    void aJarIsTheCliWhenItsMainClassIs() throws IOException {
        assertTrue(CliJvm.isCli(jar("renamed-tool.jar", "io.sockleak.cli.Main") + " list"));
        assertFalse(CliJvm.isCli(jar("app.jar", "com.example.Main") + " --port 80"));
        assertFalse(CliJvm.isCli(jar("library.jar", null).toString()));
    }

    @Test
    void anythingUnreadableIsAnApplication() {
        assertFalse(CliJvm.isCli(null));
        assertFalse(CliJvm.isCli(""));
        assertFalse(CliJvm.isCli(dir.resolve("missing.jar") + " list"));
        assertFalse(CliJvm.isCli(dir + " list"), "a folder");
    }

    private Path jar(String name, String mainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
