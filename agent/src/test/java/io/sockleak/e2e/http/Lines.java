package io.sockleak.e2e.http;

import io.sockleak.testing.ChildJvm;
import io.sockleak.testing.Poll;

import java.time.Duration;
import java.util.Optional;

/** Lines a child prints to say where it is. */
final class Lines {

    private Lines() {
    }

    /** The first stdout line starting with {@code prefix}, polled for until {@code within}. */
    static String await(ChildJvm.Started jvm, String prefix, Duration within) {
        return awaitNth(jvm, prefix, 1, within);
    }

    /** The n-th (from 1) stdout line starting with {@code prefix}. */
    static String awaitNth(ChildJvm.Started jvm, String prefix, int n, Duration within) {
        try {
            return Poll.value("line '" + prefix + "' #" + n, within, () -> {
                if (!jvm.process().isAlive() && find(jvm.stdout(), prefix, n).isEmpty()) {
                    throw new AssertionError("child exited before printing '" + prefix + "'\nstdout:\n"
                            + jvm.stdout() + "\nstderr:\n" + jvm.stderr());
                }
                return find(jvm.stdout(), prefix, n).orElse(null);
            });
        } catch (AssertionError e) {
            if (e.getMessage().startsWith("child exited")) {
                throw e;
            }
            throw new AssertionError(e.getMessage() + "\nstdout:\n" + jvm.stdout() + "\nstderr:\n" + jvm.stderr(), e);
        }
    }

    private static Optional<String> find(String out, String prefix, int n) {
        return out.lines().filter(l -> l.startsWith(prefix)).skip(n - 1L).findFirst();
    }
}
