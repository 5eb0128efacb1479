package io.sockleak.support;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleTest {

    @Test
    void everyLineIsOnePrefixedLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        console.line("option dir=a\nb: not\r\nvalid\r");
        console.line(null);
        assertEquals("sockleak: option dir=a b: not valid \nsockleak: null\n",
                bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aBrokenStderrIsNotTheAppsProblem() {
        PrintStream broken = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                throw new IllegalStateException("closed");
            }
        }) {
            @Override
            public void println(String x) {
                throw new IllegalStateException("closed");
            }
        };
        assertDoesNotThrow(() -> new Console(broken).line("anything"));
    }
}
