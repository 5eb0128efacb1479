package io.sockleak.entry;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * Opens java.io and java.net to the agent, so it can read a few private fields through VarHandles,
 * and exports jdk.internal.misc, whose Unsafe defines the bridge classes in the boot loader, and
 * jdk.internal.access, whose shutdown slots run the report after the application's hooks ({@link ExitHook}).
 */
final class ModuleOpener {

    private ModuleOpener() {
    }

    static void open(Instrumentation instrumentation) {
        Module javaBase = Object.class.getModule();
        Module agent = ModuleOpener.class.getModule();
        instrumentation.redefineModule(javaBase, Set.of(),
                Map.of("jdk.internal.misc", Set.of(agent), "jdk.internal.access", Set.of(agent)),
                Map.of("java.io", Set.of(agent), "java.net", Set.of(agent)), Set.of(), Map.of());
    }
}
