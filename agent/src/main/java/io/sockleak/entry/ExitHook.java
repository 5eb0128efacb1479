package io.sockleak.entry;

import java.lang.reflect.Method;

/**
 * Runs the shutdown report after every shutdown hook of the application has finished. The JDK runs
 * its own hook slots in order, and slot 1 runs all of {@code Runtime.addShutdownHook}'s hooks and
 * joins them: a hook in a later slot sees what the application left open, not what a server's own
 * shutdown hook was still closing (an ordinary hook races those: a busy server's connections were
 * reported as leaks in 1 of 4 SIGTERMs). Registered once per JVM, since a slot cannot be taken back;
 * {@link #set} points it at the running agent or at nothing. When the JDK refuses (another agent holds
 * the slots, or the internal API moved), the caller falls back to an ordinary hook.
 */
final class ExitHook {

    /** Slot 0: console restore, 1: application hooks, 2: delete-on-exit; the rest are free in the JDK. */
    private static final int FIRST_FREE_SLOT = 3;
    private static final int LAST_SLOT = 9;

    private static volatile Runnable action;
    private static boolean registered;

    private ExitHook() {
    }

    /** Whether the report will run after the application's hooks ({@code false}: use an ordinary hook). */
    static synchronized boolean set(Runnable report) {
        if (!registered) {
            registered = register();
        }
        action = registered ? report : null;
        return registered;
    }

    static void clear() {
        action = null;
    }

    private static void runAction() {
        Runnable report = action;
        if (report != null) {
            report.run();
        }
    }

    private static boolean register() {
        try {
            Object javaLang = Class.forName("jdk.internal.access.SharedSecrets").getMethod("getJavaLangAccess")
                    .invoke(null);
            Method add = Class.forName("jdk.internal.access.JavaLangAccess")
                    .getMethod("registerShutdownHook", int.class, boolean.class, Runnable.class);
            for (int slot = LAST_SLOT; slot >= FIRST_FREE_SLOT; slot--) {
                try {
                    add.invoke(javaLang, slot, false, (Runnable) ExitHook::runAction);
                    return true;
                } catch (java.lang.reflect.InvocationTargetException e) {
                    if (e.getCause() instanceof IllegalStateException) {
                        return false; // the JVM is already shutting down
                    }
                    // the slot is taken (InternalError): try the next one
                }
            }
            return false;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
