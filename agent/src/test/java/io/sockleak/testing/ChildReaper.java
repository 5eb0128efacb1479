package io.sockleak.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Ends the child JVMs a test started, whether it passed or failed, so that a failed assertion never
 * leaves a target running into the next test (its sockets would be in that test's kernel tables).
 * Use as {@code @RegisterExtension final ChildReaper children = new ChildReaper();} and
 * {@code children.keep(childJvm.start())}.
 */
public final class ChildReaper implements AfterEachCallback {

    private final List<ChildJvm.Started> started = new ArrayList<>();

    /** Returns {@code child}, to be destroyed after the test unless it has ended by then. */
    public ChildJvm.Started keep(ChildJvm.Started child) {
        started.add(child);
        return child;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (ChildJvm.Started child : started) {
            if (child.process().isAlive()) {
                child.process().destroyForcibly();
            }
        }
        started.clear();
    }
}
