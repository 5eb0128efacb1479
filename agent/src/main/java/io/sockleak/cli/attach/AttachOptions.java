package io.sockleak.cli.attach;

import io.sockleak.cli.UsageException;
import io.sockleak.config.OptionsParser;
import io.sockleak.config.ParsedOptions;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code attach}: the same key=value list as -javaagent, checked here so that a typo
 * fails at the prompt rather than as a line on the target's stderr. A relative dir is made absolute
 * against this command's working directory (the target's would surprise).
 */
final class AttachOptions {

    private AttachOptions() {
    }

    static String check(List<String> args) throws UsageException {
        List<String> entries = new ArrayList<>();
        for (String arg : args) {
            for (String entry : arg.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String entry : entries) {
            if (entry.startsWith("sockleak.")) {
                throw new UsageException("option '" + entry + "': keys starting with 'sockleak.' are the CLI's own");
            }
            if (entry.startsWith("dir=") && entry.length() > 4) {
                try {
                    entry = "dir=" + Path.of(entry.substring(4).trim()).toAbsolutePath().normalize();
                } catch (InvalidPathException e) {
                    throw new UsageException("option '" + entry + "': not a valid path");
                }
            }
            out.add(entry);
        }
        String text = String.join(",", out);
        ParsedOptions parsed = OptionsParser.parse(text);
        if (!parsed.problems().isEmpty()) {
            // The parser's lines are written for -javaagent, where a bad entry is skipped; here nothing is sent.
            List<String> problems = parsed.problems().stream()
                    .map(p -> p.replace("; ignored", "").replace(" ignored", "").replace("; using the default", ""))
                    .toList();
            throw new UsageException("bad options (nothing was sent): " + String.join("; ", problems));
        }
        return text;
    }
}
