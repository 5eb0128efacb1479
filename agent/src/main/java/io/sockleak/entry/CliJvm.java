package io.sockleak.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * Whether this JVM is the sockleak CLI itself. In a container, {@code JAVA_TOOL_OPTIONS=-javaagent:...} puts the
 * agent into every JVM, the CLI's own too: there it would track the CLI's sockets and write a useless report into
 * the same folder as the application's, which {@code trend} then shows as extra runs. The CLI is recognised by its
 * main class, {@code io.sockleak.cli.Main}, named directly or as the Main-Class of the jar run with {@code -jar}
 * (any sockleak jar, whichever version).
 */
final class CliJvm {

    static final String CLI_MAIN = "io.sockleak.cli.Main";

    private CliJvm() {
    }

    static boolean isThisOne() {
        try {
            return isCli(System.getProperty("sun.java.command"));
        } catch (RuntimeException | Error e) {
            return false; // cannot tell: an application JVM must not lose its agent over this
        }
    }

    /** {@code command}: the launcher's main class or jar, then the program's arguments (HotSpot's sun.java.command). */
    static boolean isCli(String command) {
        if (command == null || command.isBlank()) {
            return false;
        }
        String main = command.strip().split(" ", 2)[0];
        if (main.equals(CLI_MAIN)) {
            return true;
        }
        return main.endsWith(".jar") && CLI_MAIN.equals(mainClassOf(Path.of(main)));
    }

    private static String mainClassOf(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return null;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue("Main-Class");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
