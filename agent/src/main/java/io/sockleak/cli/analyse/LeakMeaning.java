package io.sockleak.cli.analyse;

/** One plain sentence per kind of trouble: what it means and the usual fix. */
enum LeakMeaning {

    CLOSE_WAIT("CLOSE_WAIT", "the peer closed the connection and this code never called close(); close the socket"
            + " on every path (try-with-resources or finally), also after end-of-stream and read errors."),
    UNACCEPTED("unaccepted", "connections wait in a listener's accept queue that nobody took: the accept loop is"
            + " stuck or too slow; look at the thread that calls accept() and at what blocks it."),
    COLLECTED_OPEN("collected open", "a socket was dropped without close() and the garbage collector found it still"
            + " open; close it where its owner is done with it, or use try-with-resources."),
    UNTRACKED("untracked", "the kernel shows leaked sockets the agent did not see being opened (before it attached,"
            + " from native code, or past maxTracked), so no stack is known; use the addresses to find the owner.");

    private final String label;
    private final String sentence;

    LeakMeaning(String label, String sentence) {
        this.label = label;
        this.sentence = sentence;
    }

    String label() {
        return label;
    }

    String sentence() {
        return sentence;
    }

    int countIn(Counts counts) {
        return switch (this) {
            case CLOSE_WAIT -> counts.closeWait();
            case UNACCEPTED -> counts.unaccepted();
            case COLLECTED_OPEN -> counts.collectedOpen();
            case UNTRACKED -> counts.untracked();
        };
    }
}
