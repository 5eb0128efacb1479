package io.sockleak.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MonitorTest {

    @Test
    void anExpensiveScanPushesTheNextOneOutSoScansStayUnderHalfAPercentOfACore() {
        assertEquals(10_000, Monitor.nextScanDelay(10_000, 5), "a cheap scan keeps the interval");
        assertEquals(10_000, Monitor.nextScanDelay(10_000, 50));
        assertEquals(50_000, Monitor.nextScanDelay(10_000, 250), "250 ms of scan: the next in 50 s");
        assertEquals(2_000, Monitor.nextScanDelay(2_000, 0));
    }
}
