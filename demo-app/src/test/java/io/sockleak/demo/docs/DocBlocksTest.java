package io.sockleak.demo.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every fenced block of README.md and docs/**.md is an output that a test re-runs, or an input ({@link DocBlocks}
 * says how to tell): an output shown without a mark fails here with its file and line.
 */
class DocBlocksTest {

    @TempDir
    Path dir;

    @Test
    void everyBlockIsACheckedOutputOrAnInput() throws IOException {
        String tests = testSources();
        List<String> problems = new ArrayList<>();
        for (Path doc : DocBlocks.docs()) {
            for (DocBlocks.Block block : DocBlocks.of(doc)) {
                String problem = DocBlocks.problem(block);
                if (problem != null) {
                    problems.add(block.where() + ": " + problem);
                }
                String name = block.outputName();
                if (name != null && !tests.contains('"' + name + '"')) {
                    problems.add(block.where() + ": no test in io.sockleak.demo.docs checks output '" + name + "'");
                }
            }
        }
        assertEquals(List.of(), problems, "blocks that break the rule of DocBlocks");
    }

    /** The rule can fail: an unmarked output, a bare fence, an output inside an input, a text without its mark. */
    @Test
    void outputsWithoutAMarkAreCaughtAtTheirLine() throws IOException {
        Path doc = Files.writeString(dir.resolve("doc.md"), """
                # A doc

                ```sh
                java -jar sockleak-agent.jar list
                ```

                ```
                sockleak: 3 socket leaks found
                ```

                ```sh
                $ java -jar sockleak-agent.jar dump 42
                pid 42: 0 leaks
                ```

                <!-- diagram -->
                ```text
                a -> b
                ```

                ```text
                a -> b
                ```

                  <!-- output: indented -->
                  ```
                  attached to pid 42
                  ```
                """);
        List<DocBlocks.Block> blocks = DocBlocks.of(doc);
        assertEquals(List.of(3, 7, 11, 17, 21, 26), blocks.stream().map(DocBlocks.Block::line).toList());
        assertNull(DocBlocks.problem(blocks.get(0)));
        assertTrue(DocBlocks.problem(blocks.get(1)).startsWith("a fence without a language"));
        assertTrue(DocBlocks.problem(blocks.get(2)).contains("looks like output"));
        assertNull(DocBlocks.problem(blocks.get(3)));
        assertNotNull(DocBlocks.problem(blocks.get(4)));
        assertNull(DocBlocks.problem(blocks.get(5)));
        assertEquals("indented", blocks.get(5).outputName());
        assertEquals(List.of("  attached to pid 42"), blocks.get(5).lines());
    }

    /** The sources of this package's tests but this one, where the names of the blocks they check are written. */
    private static String testSources() throws IOException {
        Path here = Path.of("src/test/java/io/sockleak/demo/docs");
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(here)) {
            for (Path f : files.filter(f -> f.toString().endsWith("IT.java")).sorted().toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }
}
