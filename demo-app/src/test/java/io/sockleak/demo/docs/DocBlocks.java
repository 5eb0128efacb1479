package io.sockleak.demo.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fenced blocks of the docs and what each one is. The rule, cheap to keep while writing: a block is either an
 * <b>output</b>, marked {@code <!-- output: NAME -->} on the line above its fence and re-run by a test that names
 * it, or an <b>input</b> (something to type, a config, code), whose fence says its language: {@code sh},
 * {@code properties} (agent options), {@code xml}, {@code yaml}, {@code kotlin}, {@code java}; or a
 * <b>diagram</b> (a drawing or a name pattern), {@code text} under {@code <!-- diagram -->}. {@code json} and
 * {@code json-answer} belong to docs/report-schema.md, whose examples the agent's ReportSchemaTest and
 * AnswerSchemaTest hold to the model.
 */
final class DocBlocks {

    /** A fence's opening line: where (1-based), its language, the mark above it, and its lines. */
    record Block(Path file, int line, String language, String mark, List<String> lines) {

        String outputName() {
            Matcher m = OUTPUT_MARK.matcher(mark);
            return m.matches() ? m.group(1) : null;
        }

        String where() {
            return DocOutputs.doc("").relativize(file) + ":" + line;
        }
    }

    static final Set<String> INPUT_LANGUAGES = Set.of("sh", "properties", "xml", "yaml", "kotlin", "java");
    static final String DIAGRAM_MARK = "<!-- diagram -->";
    static final Pattern OUTPUT_MARK = Pattern.compile("<!-- output: ([\\w.-]+) -->");
    private static final Set<String> SCHEMA_CHECKED = Set.of("json", "json-answer");
    private static final Pattern FENCE = Pattern.compile("^([ \\t]*)```(\\S*)\\s*$");
    /** Lines only an output starts with: a prompt, the agent's or the CLI's voice, the JDK's warning. */
    private static final Pattern OUTPUT_LINE = Pattern.compile("^\\s*(\\$ |sockleak[: ]|WARNING: |at java\\.)");

    private DocBlocks() {
    }

    /** README.md and every .md under docs/. */
    static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(DocOutputs.doc("README.md")));
        try (Stream<Path> files = Files.walk(DocOutputs.doc("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    static List<Block> of(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            String mark = i > 0 ? lines.get(i - 1).strip() : "";
            blocks.add(new Block(file, i + 1, open.group(2), mark, List.copyOf(lines.subList(i + 1, end))));
            i = end;
        }
        return blocks;
    }

    /** Why {@code block} breaks the rule, or null when it keeps it. */
    static String problem(Block block) {
        if (block.outputName() != null) {
            return null;
        }
        String language = block.language();
        if (SCHEMA_CHECKED.contains(language)) {
            return block.file().endsWith("docs/report-schema.md") ? null
                    : "```" + language + " is for docs/report-schema.md's checked examples; mark this one"
                            + " <!-- output: NAME --> and re-run it in a test";
        }
        if (language.equals("text")) {
            return block.mark().equals(DIAGRAM_MARK) ? null : "```text needs " + DIAGRAM_MARK + " above it";
        }
        if (!INPUT_LANGUAGES.contains(language)) {
            return (language.isEmpty() ? "a fence without a language" : "fence language '" + language + "'")
                    + ": mark an output <!-- output: NAME --> (and check it in a test), or give an input one of "
                    + INPUT_LANGUAGES;
        }
        for (String line : block.lines()) {
            if (OUTPUT_LINE.matcher(line).find()) {
                return "an input block with a line that looks like output (" + line.strip() + "): mark the output"
                        + " <!-- output: NAME --> in a block of its own";
            }
        }
        return null;
    }
}
