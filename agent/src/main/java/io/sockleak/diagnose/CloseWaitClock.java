package io.sockleak.diagnose;

import io.sockleak.kernel.KernelSnapshot;
import io.sockleak.kernel.TcpRow;
import io.sockleak.kernel.TcpState;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Remembers when each CLOSE_WAIT socket of this process was first seen, across scans, so a report
 * can say how long it has been stuck. Forgets sockets that left CLOSE_WAIT.
 */
public final class CloseWaitClock {

    private final Map<Long, Long> firstSeenByInode = new HashMap<>();

    public synchronized void observe(KernelSnapshot snapshot) {
        if (!snapshot.available()) {
            return;
        }
        Set<Long> current = new HashSet<>();
        for (TcpRow row : snapshot.rows()) {
            if (row.state() == TcpState.CLOSE_WAIT && row.inode() != 0) {
                current.add(row.inode());
                firstSeenByInode.putIfAbsent(row.inode(), snapshot.takenAtMillis());
            }
        }
        firstSeenByInode.keySet().retainAll(current);
    }

    public synchronized Long firstSeen(long inode) {
        return firstSeenByInode.get(inode);
    }
}
