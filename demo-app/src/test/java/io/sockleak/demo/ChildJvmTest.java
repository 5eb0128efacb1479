package io.sockleak.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each scenario as the command line runs it, in a child JVM without the agent: main must return, the
 * JVM must exit by itself (nothing non-daemon left behind) with code 0, quickly.
 */
class ChildJvmTest {

    static final List<String> NAMES = DemoMainTest.NAMES;

    private static final Pattern DONE = Pattern.compile("done in (\\d+) ms");

    @ParameterizedTest
    @FieldSource("NAMES")
    void runsAndExits(String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = new File(DemoMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
        Process p = new ProcessBuilder(java, "-cp", classes, DemoMain.class.getName(), name)
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        boolean exited = p.waitFor(15, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(exited, name + " did not exit:\n" + output);
        assertEquals(0, p.exitValue(), output);
        // Finishing by itself within the wait above is the promise; how fast is the benchmark's business.
        assertTrue(DONE.matcher(output).find(), output);
    }
}
