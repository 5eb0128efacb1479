package io.sockleak.e2e.leaks.apps;

/**
 * How a child app tells the test what the agent should find: {@code EXPECT-SITE name frame} lines
 * naming the exact frame (with line number) of the call that leaks.
 */
final class Expect {

    private Expect() {
    }

    /** The frame of the line after the caller's: call this on the line just above the leaking call. */
    static void siteOfNextLine(String name) {
        StackTraceElement caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.skip(1).findFirst()).orElseThrow().toStackTraceElement();
        StackTraceElement next = new StackTraceElement(caller.getClassName(), caller.getMethodName(),
                caller.getFileName(), caller.getLineNumber() + 1);
        System.out.println("EXPECT-SITE " + name + " " + next);
    }
}
