package io.sockleak.track;

import io.sockleak.testing.CallSites;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The phases of one sampling key, on real captured stacks from two lines of this test. */
class SiteSampleTest {

    private final SiteTable sites = new SiteTable(16, 100);

    /** Through an application class (this package is the agent's: never an application frame). */
    private Object fromLineA(SiteSample sample, long now) {
        return CallSites.lineA(() -> sample.stackFor(sites, now));
    }

    private Object fromLineB(SiteSample sample, long now) {
        return CallSites.lineB(() -> sample.stackFor(sites, now));
    }

    private SiteSample sampling() {
        SiteSample sample = new SiteSample();
        long now = 1_000_000_000L;
        for (int i = 0; i < StackSampler.HOT_OPENS + StackSampler.LEARN_SAMPLES; i++) {
            fromLineA(sample, now);
        }
        assertTrue(sample.isSampling(), "hot, and its learned stacks agree");
        return sample;
    }

    @Test
    void aKeyOpeningSlowlyKeepsCapturingEveryStack() {
        SiteSample sample = new SiteSample();
        for (int i = 0; i < 10 * StackSampler.HOT_OPENS; i++) {
            // one open every 20 ms: never HOT_OPENS within one second
            assertInstanceOf(CapturedStack.class, fromLineA(sample, i * 20_000_000L));
        }
    }

    @Test
    void aHotKeyWhoseStacksAgreeHandsOutItsSampleAndChecksOnceAPeriod() {
        SiteSample sample = sampling();
        int own = 0;
        for (int i = 0; i < StackSampler.FIRST_PERIOD; i++) {
            Object stack = fromLineA(sample, 2_000_000_000L);
            if (stack instanceof Site) {
                own++;
            } else {
                assertSame(sample, stack);
            }
        }
        assertEquals(1, own, "one check in the first period");
        assertTrue(sample.site().frame().startsWith(CallSites.class.getName() + ".lineA("), sample.site().toString());
    }

    @Test
    void aCheckFromAnotherLineMakesTheKeyExact() {
        SiteSample sample = sampling();
        for (int i = 0; i < StackSampler.FIRST_PERIOD; i++) {
            fromLineB(sample, 2_000_000_000L);
        }
        assertInstanceOf(CapturedStack.class, fromLineB(sample, 2_000_000_000L));
        assertTrue(!sample.isSampling());
    }

    @Test
    void aDistrustedKeyCapturesEveryStack() {
        SiteSample sample = sampling();
        sample.distrust();
        assertInstanceOf(CapturedStack.class, fromLineA(sample, 2_000_000_000L));
    }
}
