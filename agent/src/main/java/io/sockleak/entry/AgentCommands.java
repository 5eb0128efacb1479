package io.sockleak.entry;

import io.sockleak.config.OptionsParser;
import io.sockleak.config.ParsedOptions;
import io.sockleak.report.Console;

import java.lang.instrument.Instrumentation;

/** Starts the agent from the options given to -javaagent or to an attach. */
final class AgentCommands {

    private AgentCommands() {
    }

    static void handle(String optionsText, Instrumentation instrumentation, StartMode mode) throws Exception {
        Console console = Console.stderr();
        ParsedOptions parsed = OptionsParser.parse(optionsText);
        parsed.problems().forEach(console::line);
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            console.line("no kernel view on " + System.getProperty("os.name")
                    + " (it reads Linux /proc): reporting what the JVM sees only");
        }
        // Before any class that names the bridge is loaded, so that the boot loader defines it.
        ModuleOpener.open(instrumentation);
        BootstrapInjector.inject(instrumentation);
        Agent.start(optionsText, parsed, instrumentation, mode);
    }
}
