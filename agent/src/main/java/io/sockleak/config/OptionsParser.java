package io.sockleak.config;

import io.sockleak.support.Spelling;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code key=value,key=value} against the {@link Option} table. Never throws: a malformed entry
 * becomes one problem line and that setting has its default (also when an earlier entry for the same
 * key was valid: the last entry wins, and a malformed last entry means the default), so the agent
 * always starts with something sane. docs/guarantees.md lists every case.
 */
public final class OptionsParser {

    /** Every key, in the table's order. */
    public static final List<String> KEYS = Option.KEYS;

    private OptionsParser() {
    }

    public static ParsedOptions parse(String text) {
        if (text == null || text.isBlank()) {
            return new ParsedOptions(AgentOptions.defaults(), List.of());
        }
        Map<Option, Object> values = new EnumMap<>(Option.class);
        List<String> problems = new ArrayList<>();
        Set<Option> seen = EnumSet.noneOf(Option.class);
        OptionEntries.Split split = OptionEntries.split(text);
        for (OptionEntries.Entry entry : split.entries()) {
            if (!entry.isKeyValue()) {
                problems.add("option '" + entry.raw() + "' is not key=value; ignored");
                continue;
            }
            String key = entry.key();
            String value = entry.value();
            Option option = Option.byKey(key);
            if (option == null) {
                problems.add("unknown option '" + key + "' ignored" + Spelling.didYouMean(key, KEYS) + " (known: "
                        + String.join(", ", KEYS) + ")");
                continue;
            }
            if (!seen.add(option)) {
                problems.add("option '" + key + "' given more than once; the last value wins");
            }
            if (value.isEmpty()) {
                values.remove(option);
                problems.add("option '" + key + "' has an empty value; using the default");
                continue;
            }
            try {
                values.put(option, option.parse(value));
            } catch (IllegalArgumentException e) {
                values.remove(option);
                problems.add("option " + key + "=" + value + ": " + e.getMessage() + "; using the default");
            }
        }
        if (split.hadEmpty()) {
            problems.add("empty entries between commas in '" + text + "' ignored");
        }
        return new ParsedOptions(AgentOptions.of(values), List.copyOf(problems));
    }
}
