package io.sockleak.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return DemoMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    static final List<String> NAMES = List.of("never-accept", "accept-no-close", "client-no-close",
            "nio-accept-no-close", "gc-unclosed", "time-wait", "stale-pooled", "lost-response", "healthy");

    @Test
    void scenariosHaveTheDocumentedNames() {
        assertEquals(NAMES, DemoMain.SCENARIOS.stream().map(Scenario::name).collect(Collectors.toList()));
        for (Scenario s : DemoMain.SCENARIOS) {
            assertTrue(!s.description().isBlank() && !s.description().contains("\n"), s.name());
        }
    }

    @Test
    void listPrintsOneLinePerScenario() throws Exception {
        assertEquals(0, run("list"));
        String text = out.toString(StandardCharsets.UTF_8);
        for (Scenario s : DemoMain.SCENARIOS) {
            assertTrue(text.lines().anyMatch(l -> l.trim().startsWith(s.name() + " ") && l.endsWith(s.description())),
                    text);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noArgumentListsToo() throws Exception {
        assertEquals(0, run());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("never-accept"));
    }

    @Test
    void unknownScenarioIsAUsageError() throws Exception {
        assertEquals(2, run("no-such-thing"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.lines().findFirst().orElse("").contains("unknown scenario 'no-such-thing'"), text);
        assertTrue(text.contains("healthy"), text);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void extraArgumentsAreAUsageError() throws Exception {
        assertEquals(2, run("healthy", "extra"));
    }
}
