package io.sockleak.track;

import io.sockleak.bootstrap.SocketEvents;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, per socket open, whether to pay for a stack. A stack costs in proportion to the whole
 * thread stack ({@code new Throwable()}: 0.7 us at 10 frames, 10-13 us at 300), and no pure-Java
 * capture is bounded on JDK 17 (a {@code StackWalker} walk of 16 frames costs more than the whole
 * Throwable at 10, and grows with depth on 17). So sockets are grouped by a key the hot path has for
 * free (API and direction, the peer or listening port, the thread's name without its digits) and a
 * key that opens sockets fast stops capturing every stack once its stacks agree:
 * <ol>
 * <li>LEARNING: every socket gets its own stack (as before). When a key opens {@value #HOT_OPENS}
 * sockets within one second it is hot; its next {@value #LEARN_SAMPLES} stacks are interned at once.</li>
 * <li>SAMPLING, when those all name the same application and library frame: one socket in
 * {@code period} gets its own stack, interned and checked against the key's site; the others carry the
 * key's {@link SiteSample} and the report marks their stack as a sample. The period doubles after each
 * check that agrees ({@value #FIRST_PERIOD} to {@value #MAX_PERIOD}).</li>
 * <li>EXACT, for good: when a check disagrees, when the learned stacks disagree, or when a socket
 * whose stack is a sample is reported as a leak ({@link SiteSample#distrust}), so that the next socket
 * a leaking site opens names its own line.</li>
 * </ol>
 * Every socket is still tracked and counted; only where its stack comes from changes. A pool's borrows
 * are sampled the same way (key: the pool and the thread's name stem), since a request thread borrows
 * far more often than sockets open: a key whose borrows come from several lines never samples.
 */
final class StackSampler {

    static final int HOT_OPENS = 64;
    static final int LEARN_SAMPLES = 4;
    static final int FIRST_PERIOD = 16;
    static final int MAX_PERIOD = 1024;
    private static final int MAX_KEYS = 4096;

    private final ConcurrentHashMap<Long, SiteSample> keys = new ConcurrentHashMap<>();
    private final SiteTable sites;
    private final boolean enabled;
    /** The thread's name and the hash of its stem, cached: pool threads differ only by their digits. */
    private final ThreadLocal<ThreadStem> stems = new ThreadLocal<>();

    StackSampler(SiteTable sites, boolean enabled) {
        this.sites = sites;
        this.enabled = enabled;
    }

    /**
     * The stack for a socket opening now on this thread: a {@link CapturedStack}, a {@link Site}
     * (captured and interned at once, while a key learns or is checked) or the key's {@link SiteSample}.
     */
    Object stackFor(int kind, InetAddress remote, int remotePort, int localPort) {
        if (!enabled) {
            return new CapturedStack();
        }
        return stackForKey(key(kind, remote, remotePort, localPort));
    }

    /** The stack for a borrow from {@code pool} now on this thread: as {@link #stackFor}. */
    Object borrowStackFor(String pool) {
        if (!enabled) {
            return new CapturedStack();
        }
        return stackForKey((pool.hashCode() * 31L + BORROW) * 0x9E3779B97F4A7C15L + threadStem());
    }

    /** Keeps a pool's borrow keys apart from socket keys (a socket key starts from its kind, 0-255). */
    private static final long BORROW = 1L << 40;

    /** The stack for a sampled open or borrow under {@code key}; a full capture past the key cap. */
    private Object stackForKey(long key) {
        SiteSample sample = sampleFor(key);
        return sample == null ? new CapturedStack() : sample.stackFor(sites, System.nanoTime());
    }

    private SiteSample sampleFor(long key) {
        SiteSample sample = keys.get(key);
        if (sample == null) {
            if (keys.size() >= MAX_KEYS) {
                return null; // beyond the cap every stack is captured: exact, as before sampling
            }
            sample = keys.computeIfAbsent(key, k -> new SiteSample());
        }
        return sample;
    }

    /**
     * The key: what a socket's open has for free and what varies little within one site. A connected
     * socket's peer and port; an accepted one's listening port, or for a channel (whose local port the
     * hot path does not read) the peer's address without its ephemeral port; the thread's name stem.
     */
    private long key(int kind, InetAddress remote, int remotePort, int localPort) {
        long h = kind;
        boolean accepted = (kind & SocketEvents.ORIGIN_MASK) == SocketEvents.ACCEPTED;
        h = h * 31 + (accepted ? localPort : remotePort);
        if (remote != null && (!accepted || localPort == 0)) {
            h = h * 31 + remote.hashCode();
        }
        return h * 0x9E3779B97F4A7C15L + threadStem();
    }

    private long threadStem() {
        Thread thread = Thread.currentThread();
        String name = thread.getName();
        ThreadStem stem = stems.get();
        if (stem == null || stem.name != name) {
            stem = new ThreadStem(name);
            stems.set(stem);
        }
        return stem.hash;
    }

    int keyCount() {
        return keys.size();
    }

    private static final class ThreadStem {
        final String name;
        final long hash;

        ThreadStem(String name) {
            this.name = name;
            long h = 1125899906842597L;
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c < '0' || c > '9') {
                    h = 31 * h + c;
                }
            }
            this.hash = h;
        }
    }
}
