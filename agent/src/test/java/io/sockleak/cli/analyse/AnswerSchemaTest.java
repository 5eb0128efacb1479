package io.sockleak.cli.analyse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.sockleak.model.GoldenFindings;
import io.sockleak.model.ReportJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keeps the field tables of docs/report-schema.md ("The JSON answers of summary, diff and trend") in
 * step with the answer records: every record the answers write has a table, and each table names
 * exactly the fields Jackson writes for it. The example in the doc is the golden trend answer.
 */
class AnswerSchemaTest {

    private static final Path SCHEMA_DOC = Path.of("..", "docs", "report-schema.md");
    private static final String SECTION = "## The JSON answers of `summary`, `diff` and `trend`";
    private static final ObjectMapper MAPPER = ReportJson.mapper();

    @Test
    void everyAnswerRecordHasATableNamingExactlyItsFields() throws IOException {
        Map<String, Set<String>> documented = tables(section());
        Map<String, Set<String>> written = new TreeMap<>();
        for (Class<?> root : List.of(SummaryAnswer.class, SummariesAnswer.class, DiffAnswer.class,
                TrendAnswer.class)) {
            for (Class<?> record : answerRecords(root, new LinkedHashSet<>())) {
                written.put(docName(record), jsonNames(record));
            }
        }
        assertEquals(written, documented, "docs/report-schema.md's answer tables and the answer records differ");
    }

    @Test
    void theExampleIsTheGoldenTrendAnswer() throws IOException {
        Matcher m = Pattern.compile("(?m)^```json-answer[ \\t]*\\R(.*?)^```[ \\t]*$", Pattern.DOTALL)
                .matcher(section());
        List<String> examples = m.results().map(r -> r.group(1)).toList();
        assertEquals(1, examples.size(), "one ```json-answer example");
        assertEquals(MAPPER.readTree(GoldenFindings.FOLDER.resolve("trend.json").toFile()),
                MAPPER.readTree(examples.get(0)));
    }

    private static String section() throws IOException {
        String doc = Files.readString(SCHEMA_DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf(SECTION);
        assertEquals(true, start >= 0, "report-schema.md has no section " + SECTION);
        int end = doc.indexOf("\n## ", start + SECTION.length());
        return end < 0 ? doc.substring(start) : doc.substring(start, end);
    }

    /** "#### `Name`" followed by a table whose first column is "`field`". */
    private static Map<String, Set<String>> tables(String section) {
        Map<String, Set<String>> tables = new TreeMap<>();
        String current = null;
        Pattern heading = Pattern.compile("^#### `([A-Za-z.]+)`\\s*$");
        Pattern row = Pattern.compile("^\\| `([A-Za-z]+)` \\|");
        for (String line : section.lines().toList()) {
            Matcher h = heading.matcher(line);
            if (h.matches()) {
                current = h.group(1);
                tables.put(current, new TreeSet<>());
            } else if (line.startsWith("#")) {
                current = null;
            } else if (current != null) {
                Matcher r = row.matcher(line);
                if (r.find()) {
                    tables.get(current).add(r.group(1));
                }
            }
        }
        return tables;
    }

    /** The answer's own records (the report model's, such as ProcessInfo, are documented above). */
    private static Set<Class<?>> answerRecords(Class<?> record, Set<Class<?>> into) {
        if (!record.getPackageName().equals(SummaryAnswer.class.getPackageName()) || !into.add(record)) {
            return into;
        }
        for (RecordComponent component : record.getRecordComponents()) {
            for (Class<?> type : classesIn(component.getGenericType())) {
                if (type.isRecord()) {
                    answerRecords(type, into);
                }
            }
        }
        return into;
    }

    private static List<Class<?>> classesIn(Type type) {
        if (type instanceof Class<?> c) {
            return List.of(c);
        }
        if (type instanceof ParameterizedType p) {
            return java.util.Arrays.stream(p.getActualTypeArguments()).flatMap(t -> classesIn(t).stream()).toList();
        }
        return List.of();
    }

    private static String docName(Class<?> record) {
        return record.getName().substring(record.getPackageName().length() + 1).replace('$', '.');
    }

    private static Set<String> jsonNames(Class<?> record) {
        return MAPPER.getSerializationConfig().introspect(MAPPER.constructType(record)).findProperties().stream()
                .filter(BeanPropertyDefinition::couldSerialize)
                .map(BeanPropertyDefinition::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
