package io.sockleak.cli.attach;

import io.sockleak.cli.UsageException;
import io.sockleak.config.Option;
import io.sockleak.config.OptionEntries;
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
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            for (OptionEntries.Entry entry : OptionEntries.split(arg).entries()) {
                if (entry.raw().startsWith("sockleak.")) {
                    throw new UsageException("option '" + entry.raw() + "': keys starting with 'sockleak.' are the"
                            + " CLI's own");
                }
                out.add(Option.DIR.key().equals(entry.key()) && !entry.value().isEmpty()
                        ? Option.DIR.key() + "=" + absolute(entry) : entry.raw());
            }
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

    private static Path absolute(OptionEntries.Entry dir) throws UsageException {
        try {
            return Path.of(dir.value()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new UsageException("option '" + dir.raw() + "': not a valid path");
        }
    }
}
