package io.sockleak.diagnose;

import io.sockleak.kernel.TcpRow;
import io.sockleak.track.SocketRecord;

/**
 * One leak: the agent's record of the socket (null for UNTRACKED), the kernel's row (null when the
 * descriptor is gone or the kernel view is unavailable), and when CLOSE_WAIT was first seen.
 */
public record LeakFinding(LeakKind kind, SocketRecord record, TcpRow row, Integer fd, Long closeWaitSinceMillis) {
}
