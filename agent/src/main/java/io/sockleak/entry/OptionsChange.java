package io.sockleak.entry;

import io.sockleak.config.AgentOptions;
import io.sockleak.config.Option;
import io.sockleak.config.OptionEntries;
import io.sockleak.config.OptionsParser;
import io.sockleak.config.ParsedOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a second attach with options does to a running agent. Options it names replace the running
 * ones if they can change while the agent runs ({@link Option#whileRunning()}); the others keep their
 * values. Options it does not name stay as they are (a re-attach is a change, not a restart).
 */
record OptionsChange(String text, AgentOptions options, List<String> changes, List<String> notes,
                     boolean dirChanged, boolean monitorChanged) {

    static OptionsChange of(String currentText, AgentOptions current, String requestedText) {
        Map<String, OptionEntries.Entry> merged = byKey(currentText);
        ParsedOptions requestedParsed = OptionsParser.parse(requestedText);
        List<String> notes = new ArrayList<>(requestedParsed.problems());
        AgentOptions requestedAlone = requestedParsed.options();
        for (OptionEntries.Entry entry : OptionEntries.split(requestedText).entries()) {
            Option option = Option.byKey(entry.key());
            if (option == null) {
                continue; // unknown or malformed: requestedParsed's problems say so
            }
            if (option.whileRunning().changeable()) {
                merged.put(option.key(), entry);
            } else if (!Objects.equals(option.print(requestedAlone), option.print(current))) {
                notes.add(option.key() + " stays " + option.print(current) + " while the agent runs"
                        + " (stop, then attach again to change it)");
            }
        }
        String text = String.join(",", merged.values().stream().map(OptionEntries.Entry::text).toList());
        AgentOptions next = OptionsParser.parse(text).options();
        List<String> changes = new ArrayList<>();
        boolean dirChanged = false;
        boolean monitorChanged = false;
        for (Option option : Option.values()) {
            String was = option.print(current);
            String now = option.print(next);
            if (option.whileRunning().changeable() && !Objects.equals(was, now)) {
                changes.add(option.key() + "=" + now + " (was " + was + ")");
                dirChanged |= option == Option.DIR;
                monitorChanged |= option.whileRunning() == Option.WhileRunning.RESTARTS_MONITOR;
            }
        }
        return new OptionsChange(text, next, List.copyOf(changes), List.copyOf(notes), dirChanged, monitorChanged);
    }

    /** key -> entry in order; malformed entries are kept under their raw text so the parser still reports them. */
    private static Map<String, OptionEntries.Entry> byKey(String text) {
        Map<String, OptionEntries.Entry> entries = new LinkedHashMap<>();
        for (OptionEntries.Entry entry : OptionEntries.split(text).entries()) {
            entries.put(entry.isKeyValue() ? entry.key() : entry.raw(), entry);
        }
        return entries;
    }
}
