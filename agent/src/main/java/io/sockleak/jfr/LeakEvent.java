package io.sockleak.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One socket leak as a scan found it: written at each {@link LeakCountsEvent} period for every leak
 * new or still present, so a recording of any length holds the leaks of its time. The stack of the
 * writing thread says nothing about the leak: the leak's own line is {@code frame}.
 */
@Name("io.sockleak.Leak")
@Label("Socket Leak")
@Category({"sockleak"})
@Description("A socket leak sockleak found: the peer closed (CLOSE_WAIT) or the socket was collected while open,"
        + " and this process never closed it")
@StackTrace(false)
final class LeakEvent extends Event {

    @Label("Kind")
    @Description("CLOSE_WAIT, COLLECTED_OPEN or UNTRACKED (opened before the agent, or by native code)")
    String kind;

    @Label("Verdict")
    @Description("The evidence: CLOSE_WAIT_AGED, READ_EOF_KEPT, BORROWED_NOT_RETURNED, OPEN_AT_EXIT or COLLECTED_OPEN")
    String verdict;

    @Label("Local Address")
    String local;

    @Label("Remote Address")
    String remote;

    @Label("File Descriptor")
    @Description("-1 when the descriptor is not known (gone, or no kernel view)")
    int fd;

    @Label("Seconds In CLOSE_WAIT")
    @Description("Since the agent first saw it in CLOSE_WAIT; -1 when not in CLOSE_WAIT")
    long closeWaitSeconds;

    @Label("Site Id")
    @Description("The allocation site's id, as in the JSON report's sites")
    String siteId;

    @Label("Application Frame")
    @Description("The application's line to fix (where it was borrowed from a pool, else where it was opened)")
    String frame;

    @Label("Library Frame")
    @Description("The library frame that called the JDK (a driver or client), if any")
    String libraryFrame;

    @Label("Pool")
    @Description("The pool the connection belongs to, if any")
    String pool;
}
