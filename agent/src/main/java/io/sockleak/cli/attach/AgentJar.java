package io.sockleak.cli.attach;

import io.sockleak.cli.Main;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The jar to load into the target: the one this CLI runs from. */
final class AgentJar {

    /** For running the CLI from classes (tests in one JVM): the built jar. */
    static final String OVERRIDE_PROPERTY = "sockleak.agentJar";

    private AgentJar() {
    }

    static Path locate() throws AttachFailure {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        Path jar;
        if (override != null && !override.isBlank()) {
            jar = Path.of(override);
        } else {
            CodeSource source = Main.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new AttachFailure("cannot tell which jar this command runs from;"
                        + " run it as java -jar sockleak-agent.jar");
            }
            try {
                jar = Path.of(source.getLocation().toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new AttachFailure("cannot tell which jar this command runs from (" + source.getLocation()
                        + "); run it as java -jar sockleak-agent.jar");
            }
        }
        jar = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AttachFailure(jar + " is not the agent jar; run this command as java -jar sockleak-agent.jar");
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Agent-Class") == null) {
                throw new AttachFailure(jar + " has no Agent-Class in its manifest: not the sockleak agent jar");
            }
        } catch (IOException e) {
            throw new AttachFailure("cannot read " + jar + ": " + e.getMessage());
        }
        if (jar.toString().contains("=")) {
            // The JVM splits "jar=options" at the first '='.
            throw new AttachFailure("the agent jar's path " + jar + " contains '=', which the JVM cannot load"
                    + " as an agent; copy the jar to a path without it");
        }
        return jar;
    }
}
