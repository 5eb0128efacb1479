package io.sockleak.entry;

import io.sockleak.control.Request;
import io.sockleak.control.ControlNames;
import io.sockleak.config.OptionsParser;
import io.sockleak.config.ParsedOptions;
import io.sockleak.model.StartMode;
import io.sockleak.support.Console;

import java.lang.instrument.Instrumentation;

/** Starts the agent from the options given to -javaagent or to an attach. */
final class AgentCommands {

    private static final String BYTE_BUDDY_SAFE_MODE = "io.sockleak.shaded.bytebuddy.safe";

    private AgentCommands() {
    }

    static void handle(String optionsText, Instrumentation instrumentation, StartMode mode) throws Exception {
        Request request = Request.parse(optionsText);
        Console console = Console.stderr();
        if (request.isControl() && mode == StartMode.PREMAIN) {
            // The CLI's keys come only with a load it made into a running JVM: on a command line they
            // would stop the agent or answer into a file of the user's choosing.
            console.line("options " + ControlNames.COMMAND_KEY + " and " + ControlNames.REPLY_KEY + " belong to the sockleak"
                    + " CLI's attach; ignored in -javaagent");
            optionsText = request.options();
        } else if (request.isControl()) {
            // From the sockleak CLI (attach, dump, stop): answered in the reply file it named.
            ControlCommands.run(request, instrumentation, mode);
            return;
        }
        ParsedOptions parsed = OptionsParser.parse(optionsText);
        parsed.problems().forEach(console::line);
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            console.line("no kernel view on " + System.getProperty("os.name")
                    + " (it reads Linux /proc): reporting what the JVM sees only");
        }
        // The agent injects nothing through Byte Buddy; without this its static set-up touches
        // sun.misc.Unsafe, which JDK 24+ reports on the application's console. (The shaded name only
        // reaches the agent's own relocated copy of Byte Buddy.)
        System.setProperty(BYTE_BUDDY_SAFE_MODE, "true");
        // Before any class that names the bridge is loaded, so that the boot loader defines it.
        ModuleOpener.open(instrumentation);
        BootstrapInjector.inject(instrumentation);
        Agent.start(optionsText, parsed, instrumentation, mode);
        ControlOverJmx.openOnce(instrumentation, mode, console);
    }
}
