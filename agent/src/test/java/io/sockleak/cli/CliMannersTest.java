package io.sockleak.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a JDK tool's user expects of the CLI: help per command, --version, "did you mean". */
class CliMannersTest {

    record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main(Main.allCommands()).run(Arrays.asList(args),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"summary", "diff", "trend", "html", "list", "attach", "dump", "stop"})
    void helpCommandAndCommandHelpPrintThatCommandsUsage(String command) {
        Result help = run("help", command);
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().startsWith("usage: java -jar sockleak-agent.jar " + command), help.out());
        assertFalse(help.out().contains("commands:"), "not the general usage:\n" + help.out());
        assertTrue(help.out().contains("exit: 0"), "says its exit codes:\n" + help.out());

        assertEquals(help, run(command, "--help"));
        assertEquals(help, run(command, "-h"));
    }

    @Test
    void helpAfterOtherArgumentsStillHelpsAndNothingRuns() {
        Result help = run("attach", "12345", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().startsWith("usage: java -jar sockleak-agent.jar attach PID|NAME"), help.out());
        assertEquals("", help.err());
    }

    @Test
    void attachHelpListsTheAgentsOptionKeys() {
        String out = run("help", "attach").out();
        assertTrue(out.contains("minCloseWait") && out.contains("appPackages"), out);
        assertTrue(out.contains("main class"), out);
    }

    @Test
    void generalHelpGoesToStdoutAndNamesEveryCommand() {
        Result help = run("help");
        assertEquals(0, help.exit());
        for (String c : Main.allCommands().stream().map(Command::name).toList()) {
            assertTrue(help.out().contains("  " + c + " "), c + " in:\n" + help.out());
        }
        assertEquals(help, run("--help"));
    }

    @Test
    void noArgumentsIsBadInputWithTheUsageOnStderr() {
        Result none = run();
        assertEquals(2, none.exit());
        assertEquals("", none.out());
        assertTrue(none.err().startsWith("usage: "), none.err());
    }

    @Test
    void versionOutsideTheJarSaysItIsUnknown() {
        // From target/classes there is no manifest; the built jar's answer is checked by CliVersionIT.
        Result version = run("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("sockleak "), version.out());
        assertEquals(version, run("version"));
    }

    @Test
    void unknownCommandSuggestsTheNearestOne() {
        Result typo = run("atach", "123");
        assertEquals(2, typo.exit());
        assertEquals("", typo.out());
        assertEquals("sockleak: unknown command 'atach'; did you mean 'attach'? (commands: summary, diff, trend, html,"
                + " list, attach, dump, stop; 'help COMMAND' explains one)\n", typo.err());
    }

    @Test
    void unknownCommandWithNothingNearSuggestsNothing() {
        Result typo = run("report");
        assertEquals(2, typo.exit());
        assertFalse(typo.err().contains("did you mean"), typo.err());
        assertEquals(1, typo.err().lines().count(), typo.err());
    }

    @Test
    void helpForAnUnknownCommandSuggestsToo() {
        Result typo = run("help", "sumary");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("did you mean 'summary'?"), typo.err());
    }

    @Test
    void unknownFlagSuggestsTheNearestFlag() {
        Result typo = run("summary", "--fail-on-leaks", "x.json");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().startsWith("sockleak summary: unknown option '--fail-on-leaks'; did you mean"
                + " '--fail-on-leak'?"), typo.err());
        assertEquals(1, typo.err().lines().count(), typo.err());
    }

    @Test
    void mistypedAgentOptionOfAttachIsRefusedWithASuggestion() {
        Result typo = run("attach", "12345", "intervall=5s");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("unknown option 'intervall'; did you mean 'interval'?"), typo.err());
    }
}
