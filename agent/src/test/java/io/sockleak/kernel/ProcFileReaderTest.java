package io.sockleak.kernel;

import static io.sockleak.kernel.ProcResources.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFileReaderTest {

    @TempDir
    Path dir;

    @Test
    void handsOnRunsOfWholeLinesThroughABufferThatDoesNotGrow() throws IOException {
        byte[] table = bytes("tcp6-dualstack.txt");
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        for (int i = 0; i < 3000; i++) {
            big.write(table);
        }
        Path file = Files.write(dir.resolve("tcp6"), big.toByteArray());
        ProcFileReader reader = new ProcFileReader(1024 * 1024);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int[] runs = {0};

        reader.readLines(file, (content, length) -> {
            assertEquals('\n', content[length - 1], "every run ends with a whole line");
            seen.write(content, 0, length);
            runs[0]++;
        });

        assertArrayEquals(big.toByteArray(), seen.toByteArray());
        assertTrue(runs[0] > 10, runs[0] + " runs");
        assertEquals(ProcFileReader.CHUNK, reader.buffer().length);
    }

    @Test
    void aLastLineWithoutNewlineIsHandedOnAtTheEnd() throws IOException {
        Path file = Files.writeString(dir.resolve("cut"), "one\ntwo");
        StringBuilder seen = new StringBuilder();
        new ProcFileReader(1024 * 1024).readLines(file, (content, length) -> seen.append(new String(content, 0, length)).append('|'));
        assertEquals("one\n|two|", seen.toString());
    }

    @Test
    void aLineLongerThanTheLimitIsRefused() throws IOException {
        byte[] noNewline = new byte[3 * ProcFileReader.CHUNK];
        Arrays.fill(noNewline, (byte) 'x');
        Path file = Files.write(dir.resolve("long"), noNewline);
        ProcFileReader reader = new ProcFileReader(2 * ProcFileReader.CHUNK);
        assertThrows(IOException.class, () -> reader.readLines(file, (content, length) -> { }));
    }
}
