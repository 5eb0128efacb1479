package io.sockleak.entry;

import io.sockleak.config.AgentOptions;
import io.sockleak.config.OptionsParser;
import io.sockleak.config.ParsedOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What a second attach with options does to a running agent. Options it names replace the running
 * ones if they can change while the agent runs; the others keep their values. Options it does not
 * name stay as they are (a re-attach is a change, not a restart).
 */
record OptionsChange(String text, AgentOptions options, List<String> changes, List<String> notes,
                     boolean dirChanged, boolean monitorChanged) {

    /** Options that take effect without re-instrumenting or losing the registry. */
    static final Set<String> CHANGEABLE = Set.of("dir", "interval", "threshold", "maxTracked", "summary",
            "scanInterval", "minCloseWait");

    static OptionsChange of(String currentText, AgentOptions current, String requestedText) {
        Map<String, String> merged = entries(currentText);
        Map<String, String> requested = entries(requestedText);
        ParsedOptions requestedParsed = OptionsParser.parse(requestedText);
        List<String> notes = new ArrayList<>(requestedParsed.problems());
        AgentOptions requestedAlone = requestedParsed.options();
        for (Map.Entry<String, String> e : requested.entrySet()) {
            String key = e.getKey();
            if (CHANGEABLE.contains(key)) {
                merged.put(key, e.getValue());
            } else if (OptionsParser.KEYS.contains(key)
                    && !Objects.equals(valueOf(key, requestedAlone), valueOf(key, current))) {
                notes.add(key + " stays " + valueOf(key, current) + " while the agent runs"
                        + " (stop, then attach again to change it)");
            }
        }
        String text = join(merged);
        ParsedOptions parsed = OptionsParser.parse(text);
        AgentOptions next = parsed.options();
        List<String> changes = new ArrayList<>();
        Set<String> changedKeys = new HashSet<>();
        for (String key : OptionsParser.KEYS) {
            if (CHANGEABLE.contains(key) && !Objects.equals(valueOf(key, current), valueOf(key, next))) {
                changes.add(key + "=" + valueOf(key, next) + " (was " + valueOf(key, current) + ")");
                changedKeys.add(key);
            }
        }
        boolean dirChanged = changedKeys.contains("dir");
        boolean monitorChanged = dirChanged || changedKeys.contains("interval") || changedKeys.contains("threshold")
                || changedKeys.contains("scanInterval");
        return new OptionsChange(text, next, List.copyOf(changes), List.copyOf(notes), dirChanged, monitorChanged);
    }

    private static final Map<String, Function<AgentOptions, Object>> GETTERS = Map.ofEntries(
                getter("dir", a -> a.dir().toAbsolutePath()),
                getter("interval", AgentOptions::interval),
                getter("threshold", AgentOptions::threshold),
                getter("stackDepth", AgentOptions::stackDepth),
                getter("maxTracked", AgentOptions::maxTracked),
                getter("scanInterval", AgentOptions::scanInterval),
                getter("summary", AgentOptions::summary),
                getter("procRoot", AgentOptions::procRoot),
                getter("shutdownTimeout", AgentOptions::shutdownTimeout),
                getter("failureReportGap", AgentOptions::failureReportGap),
                getter("minCloseWait", AgentOptions::minCloseWait),
                getter("appPackages", a -> String.join(":", a.appPackages())));

    private static Map.Entry<String, Function<AgentOptions, Object>> getter(String key,
                                                                          Function<AgentOptions, Object> read) {
        return Map.entry(key, read);
    }

    /** The effective value of one option, as a person would write it. */
    static String valueOf(String key, AgentOptions o) {
        Function<AgentOptions, Object> getter = GETTERS.get(key);
        if (getter == null) {
            return null;
        }
        Object value = getter.apply(o);
        return value instanceof Duration d ? duration(d) : String.valueOf(value);
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "off";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    /** key -> value in order; malformed entries are kept under their raw text so the parser still reports them. */
    private static Map<String, String> entries(String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return entries;
        }
        for (String raw : text.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                entries.put(entry, null);
            } else {
                entries.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
            }
        }
        return entries;
    }

    private static String join(Map<String, String> entries) {
        List<String> parts = new ArrayList<>();
        entries.forEach((k, v) -> parts.add(v == null ? k : k + "=" + v));
        return String.join(",", parts);
    }
}
