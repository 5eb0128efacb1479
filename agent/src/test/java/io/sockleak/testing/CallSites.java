package io.sockleak.testing;

import java.util.function.Supplier;

/**
 * Two call sites in an application package, for tests of the agent's own packages (whose frames are
 * never the application's): a stack captured inside {@code action} has this class's line as its frame.
 */
public final class CallSites {

    private CallSites() {
    }

    public static <T> T lineA(Supplier<T> action) {
        return action.get();
    }

    public static <T> T lineB(Supplier<T> action) {
        return action.get();
    }
}
