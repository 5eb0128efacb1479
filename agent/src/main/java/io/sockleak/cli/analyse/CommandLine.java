package io.sockleak.cli.analyse;

import io.sockleak.cli.UsageException;
import io.sockleak.support.Spelling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command's arguments split into flags ({@code --json}), valued options ({@code --top 5}) and operands. */
public record CommandLine(Set<String> flags, Map<String, String> values, List<String> operands) {

    public static CommandLine parse(List<String> args, Set<String> flagNames, Set<String> valueNames, String usage)
            throws UsageException {
        Set<String> flags = new HashSet<>();
        Map<String, String> values = new HashMap<>();
        List<String> operands = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                operands.add(arg);
            } else if (arg.equals("--")) {
                optionsEnded = true;
            } else {
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg : arg.substring(0, equals);
                if (flagNames.contains(name) && equals < 0) {
                    flags.add(name);
                } else if (valueNames.contains(name)) {
                    if (equals >= 0) {
                        values.put(name, arg.substring(equals + 1));
                    } else if (i + 1 < args.size()) {
                        values.put(name, args.get(++i));
                    } else {
                        throw new UsageException(name + " needs a value; usage: " + usage);
                    }
                } else {
                    Set<String> known = new HashSet<>(flagNames);
                    known.addAll(valueNames);
                    throw new UsageException("unknown option '" + arg + "'" + Spelling.didYouMean(name, known)
                            + " (usage: " + usage + ")");
                }
            }
        }
        return new CommandLine(Set.copyOf(flags), Map.copyOf(values), List.copyOf(operands));
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    public int nonNegativeInt(String name, int fallback) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " needs a whole number >= 0, not '" + value + "'");
    }
}
