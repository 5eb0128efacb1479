package io.sockleak.report;

import io.sockleak.model.Summary;

import java.util.ArrayList;
import java.util.List;

/** Sentences a report adds when its numbers alone would mislead the reader. */
final class ReportNotes {

    private ReportNotes() {
    }

    static List<String> of(Summary summary) {
        List<String> notes = new ArrayList<>();
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
