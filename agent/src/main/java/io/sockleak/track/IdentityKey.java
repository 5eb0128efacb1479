package io.sockleak.track;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A weak map key compared by the identity of its referent (a cleared key equals only itself): library
 * and JDK objects are known by identity and must never be kept alive by the agent.
 */
final class IdentityKey extends WeakReference<Object> {
    private final int hash;

    IdentityKey(Object referent, ReferenceQueue<Object> queue) {
        super(referent, queue);
        this.hash = System.identityHashCode(referent);
    }

    /** A key only for look-ups (no queue). */
    static IdentityKey of(Object referent) {
        return new IdentityKey(referent, null);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof IdentityKey key) || key.hash != hash) {
            return false;
        }
        Object mine = get();
        return mine != null && mine == key.get();
    }
}
