package io.sockleak.diagnose;

import io.sockleak.kernel.KernelSnapshot;
import io.sockleak.kernel.TrackedSockets;
import io.sockleak.track.SocketRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The socket inodes of tracked records, for a snapshot that then reads only the links it does not
 * know, and the place it leaves the inodes it read. The records are taken before the snapshot: a
 * record's descriptor was then already open when its link was read.
 */
public final class RecordInodes implements TrackedSockets {

    private final List<SocketRecord> records;
    private final Map<Integer, SocketRecord> byFd;

    public RecordInodes(List<SocketRecord> records) {
        this.records = records;
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

    /**
     * Remembers on each record the inode {@code snapshot} found for its descriptor, and forgets one it
     * did not confirm (a descriptor closed unseen and reused): that link is read again next time.
     */
    public void learnFrom(KernelSnapshot snapshot) {
        if (!snapshot.available()) {
            return;
        }
        Map<Integer, Long> found = snapshot.socketInodeByFd();
        for (SocketRecord r : records) {
            if (!r.fdReleased()) {
                Long inode = found.get(r.fd());
                long now = inode == null ? 0 : inode;
                if (r.inode() != now) {
                    r.rememberInode(now);
                }
            }
        }
    }

    /**
     * The records for a diagnosis: these, and from {@code now} those of descriptors that were not
     * tracked before the snapshot (a socket that started listening or connected meanwhile, which the
     * snapshot may have found), or whose record was released meanwhile: the snapshot then found the
     * descriptor's new socket, which a busy server accepts at once, and the old record must not take
     * the blame for it.
     */
    public List<SocketRecord> withRecordsOpenedSince(List<SocketRecord> now) {
        Map<Integer, SocketRecord> current = new HashMap<>(byFd);
        for (SocketRecord r : now) {
            SocketRecord before = current.get(r.fd());
            if (before == null || (before != r && before.fdReleased())) {
                current.put(r.fd(), r);
            }
        }
        return new ArrayList<>(current.values());
    }
}
