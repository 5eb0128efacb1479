package io.sockleak.control;

import java.util.Locale;

/** What the CLI asks a running agent to do. */
public enum ControlCommand {
    ATTACH, DUMP, STOP;

    /** The word on the wire and on the command line. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The command written as {@code text}, or null. */
    public static ControlCommand of(String text) {
        for (ControlCommand c : values()) {
            if (c.key().equals(text)) {
                return c;
            }
        }
        return null;
    }
}
