package io.sockleak.diagnose;

import io.sockleak.kernel.TcpRow;
import io.sockleak.track.PooledConnection;
import io.sockleak.track.SocketRecord;

/**
 * A connection idle in a pool whose peer closed it: not a leak, the pool drops it on its next borrow
 * or eviction. {@code idleSinceMillis}: when it went back into the pool.
 */
public record StaleFinding(SocketRecord record, TcpRow row, int fd, Long closeWaitSinceMillis,
                           PooledConnection pooled, long idleSinceMillis) {
}
