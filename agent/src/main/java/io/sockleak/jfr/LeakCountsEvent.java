package io.sockleak.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/** The counts of one scan, by kind and by verdict, every period (10 s unless the recording's settings say otherwise). */
@Name("io.sockleak.LeakCounts")
@Label("Socket Leak Counts")
@Category({"sockleak"})
@Description("sockleak's counts: leaks by kind and by verdict, and what is not a leak (young, stale pooled)")
@Period("10 s")
@StackTrace(false)
final class LeakCountsEvent extends Event {

    @Label("Leaks")
    @Description("CLOSE_WAIT + COLLECTED_OPEN + UNTRACKED")
    long leaks;

    @Label("CLOSE_WAIT")
    @Description("Tracked sockets in CLOSE_WAIT judged leaks")
    long closeWait;

    @Label("Collected Open")
    @Description("Sockets garbage-collected while open, since the agent started")
    long collectedOpen;

    @Label("Untracked")
    @Description("CLOSE_WAIT sockets the agent never saw opened")
    long untracked;

    @Label("Verdict CLOSE_WAIT_AGED")
    long closeWaitAged;

    @Label("Verdict READ_EOF_KEPT")
    long readEofKept;

    @Label("Verdict BORROWED_NOT_RETURNED")
    long borrowedNotReturned;

    @Label("Verdict OPEN_AT_EXIT")
    long openAtExit;

    @Label("Unaccepted")
    @Description("Connections completed on this process's listeners and never accepted")
    long unaccepted;

    @Label("Stale Pooled")
    @Description("NOT leaks: idle pooled connections whose peer closed them")
    long stalePooled;

    @Label("Young")
    @Description("NOT leaks: CLOSE_WAIT sockets younger than minCloseWait, not judged yet")
    long young;

    @Label("Tracked Open")
    @Description("Tracked connections (not listeners) open now")
    long trackedOpen;
}
