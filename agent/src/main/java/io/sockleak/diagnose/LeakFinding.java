package io.sockleak.diagnose;

import io.sockleak.kernel.TcpRow;
import io.sockleak.model.Evidence;
import io.sockleak.model.LeakKind;
import io.sockleak.track.PooledConnection;
import io.sockleak.track.Site;
import io.sockleak.track.SiteTable;
import io.sockleak.track.SocketRecord;

/**
 * One leak: the agent's record of the socket (null for UNTRACKED), the kernel's row (null when the
 * descriptor is gone or the kernel view is unavailable), when CLOSE_WAIT was first seen, why it is a
 * leak, and the pooled connection it carries when a pool lent it out (else null).
 */
public record LeakFinding(LeakKind kind, Evidence evidence, SocketRecord record, TcpRow row, Integer fd,
                          Long closeWaitSinceMillis, PooledConnection borrowed) {

    /** Where the socket was opened, or null (UNTRACKED). */
    public Site site(SiteTable sites) {
        return record == null ? null : record.site(sites);
    }

    /**
     * The application's line to fix: where the connection was borrowed from its pool when that is
     * known (the code that did not give it back), else where the socket was opened.
     */
    public String frame(SiteTable sites) {
        Site borrow = borrowed == null ? null : borrowed.borrowSite(sites);
        if (borrow != null && borrow.frame() != null) {
            return borrow.frame();
        }
        Site site = site(sites);
        return site == null ? null : site.frame();
    }
}
