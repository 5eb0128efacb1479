package io.sockleak.cli.attach;

import java.nio.file.Path;

/**
 * Whether this Java runtime can attach: the Attach API lives in the jdk.attach module, which JDKs
 * have and jlinked runtimes often lack. Nothing here touches com.sun.tools.attach, so this class
 * loads everywhere.
 */
final class AttachSupport {

    private AttachSupport() {
    }

    static boolean available() {
        return ModuleLayer.boot().findModule("jdk.attach").isPresent();
    }

    static String missingMessage() {
        return "this Java runtime (" + Path.of(System.getProperty("java.home")) + ") has no jdk.attach module,"
                + " so it cannot attach to other JVMs: run this command with the java of a full JDK 17 or later"
                + " (the target JVM itself may be a JRE)";
    }

    static void require() throws AttachFailure {
        if (!available()) {
            throw new AttachFailure(missingMessage());
        }
    }
}
