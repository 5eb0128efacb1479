package io.sockleak.demo.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The output blocks of README.md and docs/**.md, held to what the code prints. A block is marked by the HTML
 * comment {@code <!-- output: NAME -->} on the line before its fence (both may be indented, inside a list); a
 * test runs what the doc says produced it and calls {@link #check} with NAME ({@link DocBlocksTest} sees that
 * every block is marked or an input). Both sides are normalised first (pids, ports, times, durations, Java versions, JDK line
 * numbers, the run's folder), so only a change of shape fails: a line added, removed, reworded or
 * reordered. A line {@code ...} in a block stands for any number of lines. Run with
 * {@code -Dsockleak.docs.update=true} to write the fresh output into the docs instead of failing.
 */
final class DocOutputs {

    /** How a block is compared. */
    enum Shape {
        /** Volatile values normalised; everything else, counts included, must match. */
        EXACT,
        /**
         * Also every number, id and sparkline: for outputs whose counts depend on timing (trend, diff), or a run
         * that stands in for a bigger one. Never rewritten by the update mode: the run is not the one shown.
         */
        LAYOUT,
        /**
         * A JSON excerpt, compared by structure ({@link JsonExcerpt}): keys, nesting and words, not numbers. Never
         * rewritten by the update mode: an excerpt is cut by hand.
         */
        JSON
    }

    /** The folder the docs show instead of a run's temporary folder. */
    static final String DOCS_FOLDER = "/tmp/sockleak-docs";
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final boolean UPDATE = Boolean.getBoolean("sockleak.docs.update");

    private DocOutputs() {
    }

    /** The repository file {@code relative} ("README.md", "docs/ci.md"). */
    static Path doc(String relative) {
        return ROOT.resolve(relative);
    }

    /**
     * Compares block NAME of {@code doc} with {@code actual}, the output of a run in {@code runFolder} (shown
     * in the docs as {@link #DOCS_FOLDER}).
     */
    static void check(Path doc, String name, String actual, Path runFolder, Shape shape, String... replacements)
            throws IOException {
        String shown = actual.replace(runFolder.toAbsolutePath().toString(), DOCS_FOLDER).stripTrailing() + "\n";
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        Matcher block = block(text, name);
        String indent = block.group(1);
        String inDoc = block.group(2).lines().map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l)
                .collect(Collectors.joining("\n", "", "\n"));
        // A block with elided lines is an excerpt cut by hand: the update mode would put back what it left out.
        boolean excerpt = inDoc.lines().anyMatch(l -> l.strip().equals("..."));
        if (UPDATE && shape == Shape.EXACT && !excerpt) {
            String indented = shown.lines().map(l -> l.isEmpty() ? l : indent + l)
                    .collect(Collectors.joining("\n", "", "\n"));
            Files.writeString(doc, text.substring(0, block.start(2)) + indented + text.substring(block.end(2)),
                    StandardCharsets.UTF_8);
            return;
        }
        if (shape == Shape.JSON) {
            for (int r = 0; r + 1 < replacements.length; r += 2) {
                inDoc = inDoc.replaceAll(replacements[r], replacements[r + 1]);
                shown = shown.replaceAll(replacements[r], replacements[r + 1]);
            }
            List<String> differences = new ArrayList<>();
            if (!normalise(commands(inDoc), Shape.EXACT).equals(normalise(commands(shown), Shape.EXACT))) {
                differences.add("the command: shown " + commands(inDoc).strip() + ", run " + commands(shown).strip());
            }
            differences.addAll(JsonExcerpt.differences(inDoc.substring(commands(inDoc).length()),
                    shown.substring(commands(shown).length())));
            if (!differences.isEmpty()) {
                fail(ROOT.relativize(doc) + ", block '" + name + "', no longer has the shape of what the code"
                        + " prints (an excerpt: fix it by hand from a real run).\n" + String.join("\n", differences)
                        + "\n--- printed now:\n" + shown);
            }
            return;
        }
        List<String> expected = normalise(inDoc, shape, replacements);
        List<String> got = normalise(shown, shape, replacements);
        if (!matches(expected, 0, got, 0)) {
            fail(ROOT.relativize(doc) + ", block '" + name + "', no longer shows what the code prints (run the"
                    + " docs tests with -Dsockleak.docs.update=true to rewrite it from a real run, then read the"
                    + " diff).\n--- shown (normalised):\n" + String.join("\n", expected)
                    + "\n--- printed now (normalised):\n" + String.join("\n", got)
                    + "\n--- printed now (as printed):\n" + shown);
        }
    }

    /** Block NAME of {@code doc} as the doc shows it (its lines, without the fence). */
    static String shown(Path doc, String name) throws IOException {
        return block(Files.readString(doc, StandardCharsets.UTF_8), name).group(2);
    }

    /** The lines "$ command" a block starts with. */
    private static String commands(String block) {
        StringBuilder commands = new StringBuilder();
        for (String line : block.lines().toList()) {
            if (!line.startsWith("$ ")) {
                break;
            }
            commands.append(line).append('\n');
        }
        return commands.toString();
    }

    private static Matcher block(String text, String name) {
        Matcher m = Pattern.compile("^([ \\t]*)<!-- output: " + Pattern.quote(name)
                + " -->\\R[ \\t]*```[^\\n]*\\n(.*?)^[ \\t]*```", Pattern.DOTALL | Pattern.MULTILINE).matcher(text);
        if (!m.find()) {
            fail("no block marked <!-- output: " + name + " --> followed by a fenced block");
        }
        return m;
    }

    /** {@code replacements}: the scenario's own pairs of regex and replacement, applied last. */
    static List<String> normalise(String text, Shape shape, String... replacements) {
        List<String> lines = new ArrayList<>();
        for (String line : text.lines().toList()) {
            String l = line.replace(DOCS_FOLDER, "<dir>")
                    .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "<time>")
                    .replaceAll("\\d{8}T\\d{6}\\.\\d{3}", "<stamp>")
                    .replaceAll("sockleak-\\d+-", "sockleak-<pid>-")
                    .replaceAll("\\b(pid|dump|stop|attach) \\d+", "$1 <pid>")
                    .replaceAll("(127\\.0\\.0\\.1|0\\.0\\.0\\.0|localhost|\\[::1]|::1):\\d+", "$1:<port>")
                    .replaceAll("\\b\\d+ ms\\b", "<n> ms")
                    .replaceAll("\\b(1[1-9]|2\\d)\\.\\d+\\.\\d+(\\+[\\w.-]+)?", "<java>")
                    .replaceAll("(java\\.base/[^(\\s]+\\([\\w$]+\\.java):\\d+\\)", "$1:<n>)")
                    .replaceAll("\\d+ open, limit \\d+", "<n> open, limit <n>")
                    .replaceAll("\\b\\d+ s\\b", "<n> s")
                    // a path cut to fit the terminal: where the cut falls depends on the pid's digits
                    .replaceAll("\\.\\.\\.\\S*/", ".../")
                    .stripTrailing();
            if (shape == Shape.LAYOUT) {
                l = l.replaceAll("[0-9a-f]{8,16}", "<id>").replaceAll("[+-]?\\d+(\\.\\d+)?", "#")
                        .replaceAll("[▁▂▃▄▅▆▇█]+", "▁").replaceAll(" +", " ");
            }
            for (int r = 0; r + 1 < replacements.length; r += 2) {
                l = l.replaceAll(replacements[r], replacements[r + 1]);
            }
            lines.add(l);
        }
        return lines;
    }

    /** Line by line; a shown line "..." matches any number of printed lines. */
    private static boolean matches(List<String> shown, int i, List<String> printed, int j) {
        if (i == shown.size()) {
            return j == printed.size();
        }
        if (shown.get(i).strip().equals("...")) {
            for (int k = j; k <= printed.size(); k++) {
                if (matches(shown, i + 1, printed, k)) {
                    return true;
                }
            }
            return false;
        }
        return j < printed.size() && shown.get(i).equals(printed.get(j)) && matches(shown, i + 1, printed, j + 1);
    }
}
