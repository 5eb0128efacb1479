package io.sockleak.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/options.md's table is the {@link Option} table: a key, default or range changed in one is changed in both. */
class OptionTableDocsTest {

    private static final Path DOCS = Path.of("../docs/options.md");

    @Test
    void theDocsTableIsTheOptionTable() throws IOException {
        List<String> rows = Files.readAllLines(DOCS).stream().filter(l -> l.startsWith("| [`")).toList();
        assertEquals(Arrays.stream(Option.values()).map(Option::docsRow).toList(), rows,
                "docs/options.md's table differs from config/Option; rows from the code:\n"
                        + String.join("\n", Arrays.stream(Option.values()).map(Option::docsRow).toList()));
    }

    @Test
    void everyOptionHasItsSectionInTheDocs() throws IOException {
        String docs = Files.readString(DOCS);
        for (Option option : Option.values()) {
            assertTrue(docs.contains("### `" + option.key() + "`"), "no section for " + option.key());
        }
    }

    @Test
    void everyDefaultParsesBackToItself() {
        AgentOptions defaults = AgentOptions.defaults();
        for (Option option : Option.values()) {
            if (option != Option.APP_PACKAGES) { // its default, no packages, is not something one can write
                assertEquals(option.print(defaults), option.print(OptionsParser.parse(option.key() + "="
                        + option.print(defaults)).options()), option.key());
            }
        }
    }
}
