package io.sockleak.diagnose;

import io.sockleak.kernel.TcpRow;
import io.sockleak.model.Evidence;
import io.sockleak.model.LeakKind;
import io.sockleak.track.PooledConnection;
import io.sockleak.track.SocketRecord;

/**
 * One leak: the agent's record of the socket (null for UNTRACKED), the kernel's row (null when the
 * descriptor is gone or the kernel view is unavailable), when CLOSE_WAIT was first seen, why it is a
 * leak, and the pooled connection it carries when a pool lent it out (else null).
 */
public record LeakFinding(LeakKind kind, Evidence evidence, SocketRecord record, TcpRow row, Integer fd,
                          Long closeWaitSinceMillis, PooledConnection borrowed) {
}
