package io.sockleak.ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The stack frame a report must show for a line of a test app, found by a marker comment in its source. */
final class SourceLine {

    private SourceLine() {
    }

    /** {@code io.sockleak.ports.App.method(App.java:N)} where line N holds {@code // marker}. */
    static String frame(Class<?> app, String method, String marker) {
        String file = app.getSimpleName() + ".java";
        Path source = Path.of("src/test/java", app.getPackageName().replace('.', '/'), file);
        try {
            List<String> lines = Files.readAllLines(source);
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("// " + marker)) {
                    if (found >= 0) {
                        throw new IllegalStateException("marker '" + marker + "' twice in " + source);
                    }
                    found = i + 1;
                }
            }
            if (found < 0) {
                throw new IllegalStateException("no marker '" + marker + "' in " + source);
            }
            return app.getName() + "." + method + "(" + file + ":" + found + ")";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
