package io.sockleak.demo.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A JSON excerpt as the docs show it, held to a printed JSON by structure: the same keys in the same order, the
 * same nesting, array lengths and value types; strings and booleans compared after
 * {@link DocOutputs#normalise} with {@link DocOutputs.Shape#LAYOUT} (so words count, numbers, ids and times do
 * not), numbers by type only. The excerpt may leave things out, in three forms the docs use:
 * <ul>
 *   <li>a line {@code ...} in an object: any number of further keys (those shown keep their order);</li>
 *   <li>{@code , ... ]} closing an array: any number of further elements;</li>
 *   <li>{@code [ ... words ... ]}: any array.</li>
 * </ul>
 */
final class JsonExcerpt {

    private static final String MORE = "...";
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private JsonExcerpt() {
    }

    /** Where {@code printed} differs from the excerpt {@code shown}, one line each; empty when it fits. */
    static List<String> differences(String shown, String printed) {
        List<String> found = new ArrayList<>();
        compare(parse(readable(shown), "shown"), parse(printed, "printed"), "$", found);
        return found;
    }

    /** The three elisions as JSON: a key "..." in an object, an element "..." in an array. */
    static String readable(String excerpt) {
        return excerpt.replaceAll("\\[ \\.\\.\\.[^\\]\\n]*\\]", "[ \"...\" ]")
                .replaceAll(", \\.\\.\\. ]", ", \"...\" ]")
                .replaceAll("(?m)^(\\s*)\\.\\.\\.\\s*$", "$1\"...\" : null,");
    }

    private static JsonNode parse(String json, String which) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the " + which + " JSON does not parse: " + e.getOriginalMessage());
        }
    }

    private static void compare(JsonNode shown, JsonNode printed, String path, List<String> found) {
        if (shown.isObject() && printed.isObject()) {
            compareObjects(shown, printed, path, found);
        } else if (shown.isArray() && printed.isArray()) {
            compareArrays(shown, printed, path, found);
        } else if (shown.getNodeType() != printed.getNodeType()) {
            found.add(path + ": shown " + shown.getNodeType() + " " + shown + ", printed " + printed.getNodeType()
                    + " " + printed);
        } else if (!shown.isNumber() && !words(shown).equals(words(printed))) {
            found.add(path + ": shown " + shown + ", printed " + printed);
        }
    }

    private static void compareObjects(JsonNode shown, JsonNode printed, String path, List<String> found) {
        List<String> printedKeys = new ArrayList<>();
        printed.fieldNames().forEachRemaining(printedKeys::add);
        boolean open = shown.has(MORE);
        int next = 0;
        for (Iterator<String> keys = shown.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.equals(MORE)) {
                continue;
            }
            int at = printedKeys.subList(next, printedKeys.size()).indexOf(key);
            if (at < 0 || (!open && at > 0)) {
                found.add(path + ": shown key '" + key + "', printed keys " + printedKeys.subList(next,
                        printedKeys.size()));
                return;
            }
            next += at + 1;
            compare(shown.get(key), printed.get(key), path + "." + key, found);
        }
        if (!open && next < printedKeys.size()) {
            found.add(path + ": printed keys not shown " + printedKeys.subList(next, printedKeys.size()));
        }
    }

    private static void compareArrays(JsonNode shown, JsonNode printed, String path, List<String> found) {
        int last = shown.size() - 1;
        boolean open = last >= 0 && MORE.equals(shown.get(last).asText(null));
        int compared = open ? last : shown.size();
        if (open ? printed.size() < compared : printed.size() != compared) {
            found.add(path + ": shown " + compared + (open ? " or more" : "") + " elements, printed "
                    + printed.size());
            return;
        }
        for (int i = 0; i < compared; i++) {
            compare(shown.get(i), printed.get(i), path + "[" + i + "]", found);
        }
    }

    private static List<String> words(JsonNode scalar) {
        return DocOutputs.normalise(scalar.asText(), DocOutputs.Shape.LAYOUT);
    }
}
