package io.sockleak.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The one reading of an options text, {@code key=value,key=value}: the agent's parser, a re-attach's
 * merge, the control request's reserved keys and the CLI's check all split it here, the same way.
 */
public final class OptionEntries {

    /**
     * One entry between commas, trimmed. {@code key} and {@code value} are null when it has no '='
     * (or nothing before it); {@code raw} is what was written.
     */
    public record Entry(String raw, String key, String value) {

        public boolean isKeyValue() {
            return key != null;
        }

        public String text() {
            return key == null ? raw : key + "=" + value;
        }
    }

    /** The entries, and whether empty ones (",,", a trailing comma) were skipped. */
    public record Split(List<Entry> entries, boolean hadEmpty) {

        public String join() {
            return String.join(",", entries.stream().map(Entry::text).toList());
        }
    }

    private OptionEntries() {
    }

    public static Split split(String text) {
        List<Entry> entries = new ArrayList<>();
        boolean hadEmpty = false;
        if (text == null || text.isBlank()) {
            return new Split(entries, false);
        }
        for (String part : text.split(",", -1)) {
            String raw = part.trim();
            if (raw.isEmpty()) {
                hadEmpty = true;
                continue;
            }
            int eq = raw.indexOf('=');
            entries.add(eq <= 0 ? new Entry(raw, null, null)
                    : new Entry(raw, raw.substring(0, eq).trim(), raw.substring(eq + 1).trim()));
        }
        return new Split(List.copyOf(entries), hadEmpty);
    }
}
