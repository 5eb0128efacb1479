package io.sockleak.entry;

/**
 * JDK modules the agent uses when the runtime has them and does without otherwise: a jlinked runtime
 * may lack java.management (no MBeans, no control channel) or jdk.jfr (no JFR events). Asked before
 * any class that names their types is loaded, because linking such a class without the module fails.
 */
final class OptionalModules {

    private OptionalModules() {
    }

    static boolean management() {
        return present("java.management");
    }

    static boolean flightRecorder() {
        return present("jdk.jfr");
    }

    private static boolean present(String module) {
        return ModuleLayer.boot().findModule(module).isPresent();
    }
}
