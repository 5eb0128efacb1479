package io.sockleak.model;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.sockleak.kernel.TcpState;
import io.sockleak.track.SocketKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps docs/report-schema.json and docs/report-schema.md in step with the report model
 * ({@code io.sockleak.model}): every record component is a property of the matching schema
 * object and every property a component, with the same JSON type; the value lists match the code's
 * enums; and the example report in report-schema.md is valid against the schema and reads back
 * through {@link ReportJson} without losing a field.
 */
class ReportSchemaTest {

    /** Relative to the agent module, where Maven runs the tests. */
    private static final Path SCHEMA = Path.of("..", "docs", "report-schema.json");
    private static final Path SCHEMA_DOC = Path.of("..", "docs", "report-schema.md");
    private static final String DEFS_PREFIX = "#/$defs/";

    private static final ObjectMapper MAPPER = ReportJson.mapper();
    private static JsonNode schema;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readSchema() throws IOException {
        assertTrue(Files.isRegularFile(SCHEMA), SCHEMA.toAbsolutePath() + " is missing");
        schema = MAPPER.readTree(SCHEMA.toFile());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
    }

    // ---- the model's records against the schema's objects ------------------------------------------

    @Test
    void everyRecordComponentIsASchemaPropertyAndEveryPropertyAComponent() {
        List<String> problems = new ArrayList<>();
        Set<String> visited = new TreeSet<>();
        compareRecord(LeakReport.class, schema, "LeakReport", problems, visited);
        assertEquals(List.of(), problems, "docs/report-schema.json and the model records differ");

        Set<String> defs = new TreeSet<>();
        schema.path("$defs").fieldNames().forEachRemaining(defs::add);
        visited.remove("LeakReport");
        assertEquals(defs, visited, "every $defs entry describes a record reachable from LeakReport, and only those");
    }

    @Test
    void jacksonWritesExactlyTheRecordComponents() {
        List<String> problems = new ArrayList<>();
        for (Class<?> record : reachableRecords(LeakReport.class, new LinkedHashSet<>())) {
            JavaType type = MAPPER.constructType(record);
            Set<String> written = MAPPER.getSerializationConfig().introspect(type).findProperties().stream()
                    .filter(BeanPropertyDefinition::couldSerialize)
                    .map(BeanPropertyDefinition::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!written.equals(components)) {
                problems.add(record.getSimpleName() + ": Jackson writes " + written + ", components are " + components);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void requiredNamesOnlyExistingProperties() {
        List<String> problems = new ArrayList<>();
        checkRequired("LeakReport", schema, problems);
        schema.path("$defs").properties().forEach(e -> checkRequired(e.getKey(), e.getValue(), problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void everyObjectPromisesForwardCompatibility() {
        List<String> closed = new ArrayList<>();
        if (!schema.path("additionalProperties").asBoolean(false)) {
            closed.add("LeakReport");
        }
        schema.path("$defs").properties().forEach(e -> {
            if (!e.getValue().path("additionalProperties").asBoolean(false)) {
                closed.add(e.getKey());
            }
        });
        assertEquals(List.of(), closed, "objects without additionalProperties: true");
    }

    // ---- value lists --------------------------------------------------------------------------------

    @Test
    void valueListsMatchTheCode() {
        assertEquals(LeakReport.SCHEMA_VERSION, schema.path("properties").path("schemaVersion").path("const").asInt());
        assertEquals(names(Arrays.stream(Trigger.values()).map(Trigger::jsonName).toList()),
                enumOf(schema.path("properties").path("trigger")));
        assertEquals(names(Arrays.stream(StartMode.values()).map(StartMode::jsonName).toList()),
                enumOf(property("ProcessInfo", "startMode")));
        assertEquals(names(Arrays.stream(LeakKind.values()).map(Enum::name).toList()),
                enumOf(property("Leak", "kind")));
        Set<String> origins = names(Arrays.stream(Origin.values()).map(Origin::json).toList());
        assertEquals(origins, names(IntStream.range(0, 16).mapToObj(SocketKind::origin).toList()),
                "the tracker writes every Origin and nothing else");
        assertEquals(origins, enumOf(property("Leak", "origin")));
        Set<String> apis = names(Arrays.stream(Api.values()).map(Api::json).toList());
        assertEquals(apis, names(IntStream.range(0, 16).mapToObj(i -> SocketKind.api(i << 4)).toList()),
                "the tracker writes every Api and nothing else");
        assertEquals(apis, enumOf(property("Leak", "api")));
        assertEquals(apis, enumOf(property("ListenerEntry", "api")));
        Set<String> states = names(Arrays.stream(TcpState.values()).map(Enum::name).toList());
        assertEquals(states, enumOf(property("Leak", "state")));
        assertEquals(states, enumOf(property("PortHolder", "state")));
        Set<String> queued = enumOf(property("UnacceptedConnection", "state"));
        assertTrue(states.containsAll(queued), queued + " are not all TCP states");
        Set<String> owners = names(Arrays.stream(Owner.values()).map(Owner::json).toList());
        assertEquals(owners, names(List.of(PortHolder.THIS_JVM, PortHolder.OTHER_PROCESS, PortHolder.NONE)));
        assertEquals(owners, enumOf(property("PortHolder", "owner")));
    }

    // ---- the example in report-schema.md --------------------------------------------------------------

    @Test
    void theExampleInReportSchemaMdIsValidAndReadsBackWhole() throws IOException, ReportReadException {
        assertTrue(Files.isRegularFile(SCHEMA_DOC), SCHEMA_DOC.toAbsolutePath() + " is missing");
        List<String> examples = jsonBlocks(Files.readString(SCHEMA_DOC, StandardCharsets.UTF_8));
        assertFalse(examples.isEmpty(), "report-schema.md has no ```json example");
        int n = 0;
        for (String example : examples) {
            n++;
            JsonNode tree = MAPPER.readTree(example);
            List<String> errors = new ArrayList<>();
            validate(schema, tree, "$", errors);
            assertEquals(List.of(), errors, "example " + n + " does not match docs/report-schema.json");

            Path file = tmp.resolve("sockleak-example-" + n + ".json");
            Files.writeString(file, example, StandardCharsets.UTF_8);
            LeakReport report = ReportJson.read(file);
            assertNotNull(report);
            // The reader ignores unknown fields, so a misspelt field would vanish silently: compare both ways.
            JsonNode again = MAPPER.readTree(ReportJson.toBytes(report));
            List<String> changed = new ArrayList<>();
            differences(tree, again, "$", changed);
            assertEquals(List.of(), changed, "example " + n + " changes when read into the model and written again"
                    + " (a field the model does not have, or a value it cannot hold)");
        }
    }

    @Test
    void theValidatorRejectsWhatTheSchemaForbids() throws IOException {
        List<String> examples = jsonBlocks(Files.readString(SCHEMA_DOC, StandardCharsets.UTF_8));
        JsonNode tree = MAPPER.readTree(examples.get(0));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("trigger", "sometimes");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("summary")).put("closeWait", "three");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("process")).remove("pid");
        List<String> errors = new ArrayList<>();
        validate(schema, tree, "$", errors);
        assertEquals(3, errors.size(), errors.toString());
    }

    // ---- comparing records and schema objects ---------------------------------------------------------

    private static void compareRecord(Class<?> record, JsonNode object, String where, List<String> problems,
                                      Set<String> visited) {
        if (!visited.add(record.getSimpleName())) {
            return;
        }
        if (!"object".equals(object.path("type").asText())) {
            problems.add(where + ": schema type is not object");
        }
        JsonNode properties = object.path("properties");
        Set<String> components = new LinkedHashSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            String name = component.getName();
            components.add(name);
            String at = where + "." + name;
            JsonNode property = properties.get(name);
            if (property == null) {
                problems.add(at + ": in the model, not in the schema");
                continue;
            }
            compareValue(component.getGenericType(), property, at, problems, visited);
        }
        properties.fieldNames().forEachRemaining(name -> {
            if (!components.contains(name)) {
                problems.add(where + "." + name + ": in the schema, not in " + record.getSimpleName());
            }
        });
    }

    private static void compareValue(Type type, JsonNode property, String at, List<String> problems,
                                     Set<String> visited) {
        Slot slot = slot(property);
        Class<?> raw = rawClass(type);
        String expected = jsonType(raw);
        if (expected == null) {
            problems.add(at + ": no JSON type known for " + type.getTypeName());
            return;
        }
        if (!slot.types().contains(expected)) {
            problems.add(at + ": model " + type.getTypeName() + " is " + expected + ", schema says " + slot.types());
        }
        boolean neverNull = raw.isPrimitive() || List.class.isAssignableFrom(raw);
        if (neverNull && slot.types().contains("null")) {
            problems.add(at + ": " + type.getTypeName() + " is never null, schema allows null");
        }
        if (raw.isRecord()) {
            if (slot.def() == null) {
                problems.add(at + ": a record must be a $ref to #/$defs/" + raw.getSimpleName());
            } else if (!slot.defName().equals(raw.getSimpleName())) {
                problems.add(at + ": refers to " + slot.defName() + ", the model has " + raw.getSimpleName());
            } else {
                compareRecord(raw, slot.def(), raw.getSimpleName(), problems, visited);
            }
        } else if (List.class.isAssignableFrom(raw)) {
            JsonNode items = property.get("items");
            if (items == null) {
                problems.add(at + ": array without items");
                return;
            }
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            compareValue(element, items, at + "[]", problems, visited);
            if (slot(items).types().contains("null")) {
                problems.add(at + "[]: list elements are never null, schema allows null");
            }
        }
    }

    /** What a property schema allows: its JSON types, and the $defs object it refers to, if any. */
    private record Slot(Set<String> types, String defName, JsonNode def) {
    }

    private static Slot slot(JsonNode property) {
        Set<String> types = new TreeSet<>();
        String defName = null;
        JsonNode def = null;
        List<JsonNode> branches = new ArrayList<>();
        branches.add(property);
        for (String combinator : List.of("anyOf", "oneOf")) {
            property.path(combinator).forEach(branches::add);
        }
        for (JsonNode branch : branches) {
            if (branch.has("$ref")) {
                defName = defName(branch.get("$ref").asText());
                def = schema.path("$defs").get(defName);
                if (def != null) {
                    types.addAll(typesOf(def));
                }
            }
            types.addAll(typesOf(branch));
        }
        return new Slot(types, defName, def);
    }

    private static Set<String> typesOf(JsonNode node) {
        Set<String> types = new TreeSet<>();
        JsonNode type = node.get("type");
        if (type != null && type.isTextual()) {
            types.add(type.asText());
        } else if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        }
        return types;
    }

    private static String defName(String ref) {
        return ref.startsWith(DEFS_PREFIX) ? ref.substring(DEFS_PREFIX.length()) : ref;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unexpected type in the model: " + type);
    }

    private static String jsonType(Class<?> c) {
        if (c == int.class || c == long.class || c == short.class || c == byte.class || c == Integer.class
                || c == Long.class || c == Short.class || c == Byte.class) {
            return "integer";
        }
        if (c == double.class || c == float.class || c == Double.class || c == Float.class) {
            return "number";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "boolean";
        }
        if (c == String.class) {
            return "string";
        }
        if (List.class.isAssignableFrom(c)) {
            return "array";
        }
        if (c.isRecord()) {
            return "object";
        }
        return null;
    }

    private static Set<Class<?>> reachableRecords(Class<?> record, Set<Class<?>> into) {
        if (!into.add(record)) {
            return into;
        }
        for (RecordComponent component : record.getRecordComponents()) {
            Type type = component.getGenericType();
            Class<?> raw = rawClass(type);
            if (raw.isRecord()) {
                reachableRecords(raw, into);
            } else if (List.class.isAssignableFrom(raw)) {
                Class<?> element = rawClass(((ParameterizedType) type).getActualTypeArguments()[0]);
                if (element.isRecord()) {
                    reachableRecords(element, into);
                }
            }
        }
        return into;
    }

    private static void checkRequired(String name, JsonNode object, List<String> problems) {
        object.path("required").forEach(r -> {
            if (!object.path("properties").has(r.asText())) {
                problems.add(name + ": required '" + r.asText() + "' is not a property");
            }
        });
    }

    private static JsonNode property(String def, String name) {
        JsonNode p = schema.path("$defs").path(def).path("properties").get(name);
        assertNotNull(p, def + "." + name + " not in the schema");
        return p;
    }

    /** The non-null values of an enum. */
    private static Set<String> enumOf(JsonNode property) {
        Set<String> values = new TreeSet<>();
        property.path("enum").forEach(v -> {
            if (!v.isNull()) {
                values.add(v.asText());
            }
        });
        return values;
    }

    private static Set<String> names(List<String> values) {
        return new TreeSet<>(values);
    }

    private static void differences(JsonNode a, JsonNode b, String at, List<String> into) {
        if (a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!a.has(name) || !b.has(name)) {
                    into.add(at + "." + name + (a.has(name) ? " is lost" : " appears"));
                } else {
                    differences(a.get(name), b.get(name), at + "." + name, into);
                }
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                differences(a.get(i), b.get(i), at + "[" + i + "]", into);
            }
        } else if (!a.equals(b)) {
            into.add(at + ": " + a + " becomes " + b);
        }
    }

    private static List<String> jsonBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^```json[ \\t]*\\R(.*?)^```[ \\t]*$", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    // ---- a JSON Schema validator for the keywords report-schema.json uses ---------------------------------

    private static final Set<String> KNOWN_KEYWORDS = Set.of("$schema", "$id", "$defs", "$ref", "title",
            "description", "type", "const", "enum", "properties", "required", "items", "additionalProperties",
            "anyOf", "oneOf", "minimum", "maximum", "pattern", "format");

    private static void validate(JsonNode s, JsonNode value, String at, List<String> errors) {
        s.fieldNames().forEachRemaining(k -> {
            if (!KNOWN_KEYWORDS.contains(k)) {
                errors.add(at + ": the test's validator does not know the keyword '" + k + "'");
            }
        });
        if (s.has("$ref")) {
            JsonNode target = schema.path("$defs").get(defName(s.get("$ref").asText()));
            if (target == null) {
                errors.add(at + ": unresolved $ref " + s.get("$ref").asText());
            } else {
                validate(target, value, at, errors);
            }
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (s.has(combinator)) {
                int matches = 0;
                for (JsonNode branch : s.get(combinator)) {
                    List<String> branchErrors = new ArrayList<>();
                    validate(branch, value, at, branchErrors);
                    if (branchErrors.isEmpty()) {
                        matches++;
                    }
                }
                if (matches == 0 || (combinator.equals("oneOf") && matches > 1)) {
                    errors.add(at + ": " + matches + " branches of " + combinator + " match");
                }
            }
        }
        Set<String> types = typesOf(s);
        if (!types.isEmpty() && types.stream().noneMatch(t -> isOfType(value, t))) {
            errors.add(at + ": " + value.getNodeType() + " is not " + types);
            return;
        }
        if (s.has("const") && !s.get("const").equals(value)) {
            errors.add(at + ": " + value + " is not " + s.get("const"));
        }
        if (s.has("enum")) {
            boolean listed = false;
            for (JsonNode v : s.get("enum")) {
                listed |= v.equals(value);
            }
            if (!listed) {
                errors.add(at + ": " + value + " is not one of " + s.get("enum"));
            }
        }
        if (value.isNumber()) {
            if (s.has("minimum") && value.decimalValue().compareTo(s.get("minimum").decimalValue()) < 0) {
                errors.add(at + ": " + value + " < " + s.get("minimum"));
            }
            if (s.has("maximum") && value.decimalValue().compareTo(s.get("maximum").decimalValue()) > 0) {
                errors.add(at + ": " + value + " > " + s.get("maximum"));
            }
        }
        if (value.isTextual() && s.has("pattern") && !Pattern.compile(s.get("pattern").asText())
                .matcher(value.asText()).find()) {
            errors.add(at + ": '" + value.asText() + "' does not match " + s.get("pattern").asText());
        }
        if (value.isObject()) {
            s.path("required").forEach(r -> {
                if (!value.has(r.asText())) {
                    errors.add(at + ": required '" + r.asText() + "' missing");
                }
            });
            JsonNode properties = s.path("properties");
            for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (properties.has(name)) {
                    validate(properties.get(name), value.get(name), at + "." + name, errors);
                } else if (s.has("additionalProperties") && !s.get("additionalProperties").asBoolean(true)) {
                    errors.add(at + ": property '" + name + "' not allowed");
                }
            }
        }
        if (value.isArray() && s.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                validate(s.get("items"), value.get(i), at + "[" + i + "]", errors);
            }
        }
    }

    private static boolean isOfType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }
}
