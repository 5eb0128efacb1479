package io.sockleak.ports;

import java.io.IOException;

/**
 * Recognises the two port troubles in the exceptions the JDK throws. The JDK builds their messages
 * from strerror (English in the C and English locales): EADDRINUSE is a {@code BindException}
 * "Address already in use"; EMFILE/ENFILE an IOException "Too many open files" ("... in system").
 * The exception itself and up to three causes are looked at.
 */
final class Errno {

    static final String ADDRESS_IN_USE = "Address already in use";
    static final String TOO_MANY_OPEN_FILES = "Too many open files";
    private static final String IN_SYSTEM = TOO_MANY_OPEN_FILES + " in system";
    private static final int MAX_CAUSES = 3;

    private Errno() {
    }

    /** EADDRINUSE. */
    static boolean isAddressInUse(Throwable failure) {
        return find(failure, ADDRESS_IN_USE);
    }

    /** EMFILE (this process's limit) or ENFILE (the system's). */
    static boolean isOutOfDescriptors(Throwable failure) {
        return find(failure, TOO_MANY_OPEN_FILES);
    }

    /** ENFILE: the whole system is out of file handles, not only this process. */
    static boolean isSystemWide(Throwable failure) {
        return find(failure, IN_SYSTEM);
    }

    private static boolean find(Throwable failure, String text) {
        Throwable t = failure;
        for (int i = 0; t != null && i <= MAX_CAUSES; i++, t = t.getCause()) {
            String message = t instanceof IOException ? t.getMessage() : null;
            if (message != null && message.contains(text)) {
                return true;
            }
        }
        return false;
    }
}
