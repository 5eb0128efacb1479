package io.sockleak.diagnose;

import io.sockleak.kernel.KernelSnapshot;
import io.sockleak.kernel.TrackedSockets;
import io.sockleak.track.SocketRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The socket inodes of tracked records, for a snapshot that then reads only the other descriptors'
 * links, and the place it leaves the inodes it read. The records must be taken before the snapshot:
 * a record's descriptor was then already open when its link was read.
 */
public final class RecordInodes implements TrackedSockets {

    private final Map<Integer, SocketRecord> byFd;

    public RecordInodes(List<SocketRecord> records) {
        byFd = new HashMap<>(Math.max(16, records.size() * 2));
        for (SocketRecord r : records) {
            byFd.put(r.fd(), r);
        }
    }

    @Override
    public void forEach(Each each) {
        byFd.forEach((fd, r) -> {
            if (!r.fdReleased()) {
                each.socket(fd, r.inode());
            }
        });
    }

    /** The inode remembered for a tracked descriptor, or 0. */
    public long inodeOf(int fd) {
        SocketRecord r = byFd.get(fd);
        return r == null || r.fdReleased() ? 0 : r.inode();
    }

    /** Remembers on each record without an inode the one {@code snapshot} read for its descriptor. */
    public void learnFrom(KernelSnapshot snapshot) {
        snapshot.socketInodeByFd().forEach((fd, inode) -> {
            SocketRecord r = byFd.get(fd);
            if (r != null && r.inode() == 0 && !r.fdReleased()) {
                r.rememberInode(inode);
            }
        });
    }
}
