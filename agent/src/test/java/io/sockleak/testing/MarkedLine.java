package io.sockleak.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The stack frame a report must show for a line of a child app, found by a marker comment in its
 * source ({@code // MARKER}, once per file): the test knows the expected line without trusting the app.
 */
public final class MarkedLine {

    private MarkedLine() {
    }

    /** {@code pkg.App.method(App.java:N)} where line N holds {@code // marker}. */
    public static String frame(Class<?> app, String method, String marker) {
        String file = app.getSimpleName() + ".java";
        Path source = Path.of("src/test/java", app.getPackageName().replace('.', '/'), file);
        try {
            List<String> lines = Files.readAllLines(source);
            int found = -1;
            // the whole marker, so "BORROW" does not also find "// BORROW-PLAIN" (but "LEAK" finds "// LEAK: ...")
            Pattern comment = Pattern.compile("// " + Pattern.quote(marker) + "(?![\\w-])");
            for (int i = 0; i < lines.size(); i++) {
                if (comment.matcher(lines.get(i)).find()) {
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
