package io.sockleak.e2e.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The frame a report must name for a line of a child app, found by its {@code // LEAK: ...} comment. */
final class MarkedLine {

    private MarkedLine() {
    }

    /** {@code pkg.App.method(App.java:N)} where line N is the only one holding {@code // LEAK}. */
    static String frame(Class<?> app, String method) {
        String file = app.getSimpleName() + ".java";
        Path source = Path.of("src/test/java", app.getPackageName().replace('.', '/'), file);
        try {
            List<String> lines = Files.readAllLines(source);
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("// LEAK")) {
                    if (found >= 0) {
                        throw new IllegalStateException("two // LEAK markers in " + source);
                    }
                    found = i + 1;
                }
            }
            if (found < 0) {
                throw new IllegalStateException("no // LEAK marker in " + source);
            }
            return app.getName() + "." + method + "(" + file + ":" + found + ")";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
