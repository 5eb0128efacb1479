package io.sockleak.cli;

import io.sockleak.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --version} of the built jar reads the version the build wrote into its manifest; the versioned copy. */
class CliVersionIT {

    @TempDir
    Path work;

    @Test
    void versionIsTheProjectVersion() {
        String expected = System.getProperty("sockleak.version");
        assertNotNull(expected, "failsafe passes the project version as sockleak.version");
        for (String flag : new String[] {"--version", "version"}) {
            ChildJvm.Result result = ChildJvm.in(work).withoutAgent().jar(ChildJvm.agentJar(), flag).run()
                    .assertExitCode(0);
            assertEquals("sockleak " + expected + "\n", result.stdout());
            assertEquals("", result.stderr());
        }
    }

    @Test
    void theVersionedJarIsTheSameJarBesideTheFixedName() throws Exception {
        Path fixed = ChildJvm.agentJar();
        Path versioned = fixed.resolveSibling("sockleak-agent-" + System.getProperty("sockleak.version") + ".jar");
        assertTrue(Files.isRegularFile(versioned), versioned + " built");
        assertEquals(-1L, Files.mismatch(fixed, versioned), "same bytes");
    }
}
