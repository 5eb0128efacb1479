package io.sockleak.track;

import java.util.Objects;

/**
 * One key of the {@link StackSampler}: its phase, and once sampling, the site whose stack stands for
 * the sockets of the key that carry no stack of their own. Such a socket's record holds this object;
 * its report entry says that the stack is a sample ({@code stackSampled}).
 * <p>
 * Counters are plain fields updated without a lock: a lost update only shifts when the key turns hot
 * or the next check falls, never what a socket is told about its stack.
 */
public final class SiteSample {

    private static final int LEARNING = 0;
    private static final int CHECKING = 1;
    private static final int SAMPLING = 2;
    private static final int EXACT = 3;
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private volatile int phase = LEARNING;
    private volatile Site site;
    private long windowStartNanos;
    private int windowOpens;
    private int learned;
    private int period = StackSampler.FIRST_PERIOD;
    private int sinceCheck;

    /** A captured stack, a Site interned now, or this sample (see {@link StackSampler#stackFor}). */
    Object stackFor(SiteTable sites, long nowNanos) {
        switch (phase) {
            case SAMPLING -> {
                if (++sinceCheck < period) {
                    return this;
                }
                sinceCheck = 0;
                Site own = sites.intern(new CapturedStack());
                if (sameLine(own, site)) {
                    period = Math.min(StackSampler.MAX_PERIOD, period * 2);
                } else {
                    phase = EXACT;
                }
                return own;
            }
            case CHECKING -> {
                Site own = sites.intern(new CapturedStack());
                learn(own);
                return own;
            }
            case LEARNING -> {
                if (nowNanos - windowStartNanos > WINDOW_NANOS) {
                    windowStartNanos = nowNanos;
                    windowOpens = 0;
                }
                if (++windowOpens >= StackSampler.HOT_OPENS) {
                    phase = CHECKING;
                }
                return new CapturedStack();
            }
            default -> {
                return new CapturedStack();
            }
        }
    }

    private synchronized void learn(Site own) {
        if (phase != CHECKING) {
            return;
        }
        if (learned == 0) {
            site = own;
        } else if (!sameLine(own, site)) {
            phase = EXACT;
            return;
        }
        if (++learned >= StackSampler.LEARN_SAMPLES) {
            phase = SAMPLING;
        }
    }

    /**
     * The line a report leads with: the application's frame and the library frame that called the JDK;
     * without an application frame (an event loop's, a JDK thread's), the whole site.
     */
    private static boolean sameLine(Site a, Site b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.frame() == null) {
            return a.id().equals(b.id());
        }
        return a.frame().equals(b.frame()) && Objects.equals(a.libraryFrame(), b.libraryFrame());
    }

    /** The site whose stack stands for this key's sockets. */
    public Site site() {
        return site;
    }

    /**
     * A socket of this key whose stack is a sample was found leaking: from now on every socket of the
     * key gets its own stack, so the leaking site's next socket names its own line.
     */
    public void distrust() {
        phase = EXACT;
    }

    boolean isSampling() {
        return phase == SAMPLING;
    }
}
