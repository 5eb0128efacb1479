package io.sockleak.report;

import io.sockleak.model.Summary;

import java.util.ArrayList;
import java.util.List;

/** Sentences a report adds when its numbers alone would mislead the reader. */
final class ReportNotes {

    private ReportNotes() {
    }

    /** {@code cut}: what a report cut to the memory budget left out, or null. */
    static List<String> of(Summary summary, String cut) {
        List<String> notes = new ArrayList<>();
        if (cut != null) {
            notes.add(cut);
        }
        if (summary.untrackedOpen() > 0) {
            notes.add(summary.untrackedOpen() + " TCP connection(s) of this process are open that the agent never saw"
                    + " opened (summary.untrackedOpen): likely a native transport it does not hook (a Netty"
                    + " epoll, io_uring or kqueue release it does not know, JNI code), or sockets opened before the"
                    + " agent started (attached later). They are not in trackedOpen, sites or openBySite; a leak"
                    + " among them shows only as UNTRACKED, without a stack.");
        }
        return notes;
    }
}
