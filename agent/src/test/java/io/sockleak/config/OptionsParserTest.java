package io.sockleak.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of malformed option: the exact problem line, and the values the agent then runs with
 * (the key's default, everything else as given). docs/guarantees.md quotes these lines.
 */
class OptionsParserTest {

    private static final AgentOptions DEFAULTS = AgentOptions.defaults();
    private static final String KNOWN = "known: dir, interval, threshold, stackDepth, stackSampling, maxTracked, scanInterval,"
            + " summary, procRoot, shutdownTimeout, failureReportGap, minCloseWait, appPackages";

    private static ParsedOptions parse(String text) {
        return OptionsParser.parse(text);
    }

    private static void assertProblems(ParsedOptions parsed, String... lines) {
        assertEquals(List.of(lines), parsed.problems());
    }

    @Test
    void nothingGivenMeansDefaultsAndNoProblems() {
        for (String text : new String[] {null, "", "   "}) {
            ParsedOptions parsed = parse(text);
            assertEquals(DEFAULTS, parsed.options());
            assertProblems(parsed);
        }
    }

    @Test
    void everyKeyWellFormed() {
        ParsedOptions parsed = parse("dir=/r, interval=30s,threshold=1_000,stackDepth=0,stackSampling=off,maxTracked=5,scanInterval=off,"
                + "summary=no,procRoot=/p,shutdownTimeout=500ms,failureReportGap=2m,minCloseWait=3s,"
                + "appPackages=com.example:org.acme.shop");
        assertProblems(parsed);
        assertEquals(new AgentOptions(Path.of("/r"), Duration.ofSeconds(30), 1000, 0, false, 5, Duration.ZERO, false,
                Path.of("/p"), Duration.ofMillis(500), Duration.ofMinutes(2), Duration.ofSeconds(3),
                List.of("com.example", "org.acme.shop")), parsed.options());
    }

    @Test
    void appPackagesAreSeparatedByColonsAndMustBePackageNames() {
        ParsedOptions parsed = parse("appPackages=com.example:1bad");
        assertProblems(parsed, "option appPackages=com.example:1bad: '1bad' is not a package name (separate"
                + " packages with ':', e.g. appPackages=com.example:org.acme); using the default");
        assertEquals(List.of(), parsed.options().appPackages());
    }

    @Test
    void unknownKeyIsIgnoredAndNamed() {
        ParsedOptions parsed = parse("treshold=5,interval=1m");
        assertProblems(parsed, "unknown option 'treshold' ignored; did you mean 'threshold'? (" + KNOWN + ")");
        assertEquals(DEFAULTS.threshold(), parsed.options().threshold());
        assertEquals(Duration.ofMinutes(1), parsed.options().interval(), "the rest still applies");
    }

    @Test
    void keysAreCaseSensitive() {
        ParsedOptions parsed = parse("Threshold=5");
        assertProblems(parsed, "unknown option 'Threshold' ignored; did you mean 'threshold'? (" + KNOWN + ")");
        assertEquals(DEFAULTS, parsed.options());
    }

    @Test
    void entryWithoutEqualsOrKey() {
        ParsedOptions parsed = parse("summary,=5,threshold=2");
        assertProblems(parsed,
                "option 'summary' is not key=value; ignored",
                "option '=5' is not key=value; ignored");
        assertEquals(DEFAULTS.summary(), parsed.options().summary());
        assertEquals(2, parsed.options().threshold());
    }

    @Test
    void badNumbers() {
        ParsedOptions parsed = parse("threshold=abc,maxTracked=1.5,stackDepth=0x10");
        assertProblems(parsed,
                "option threshold=abc: not a whole number; using the default",
                "option maxTracked=1.5: not a whole number; using the default",
                "option stackDepth=0x10: not a whole number; using the default");
        assertEquals(DEFAULTS, parsed.options());
    }

    @Test
    void badDurations() {
        ParsedOptions parsed = parse("interval=soon,scanInterval=5x,failureReportGap=1.5s,shutdownTimeout=5-");
        assertProblems(parsed,
                "option interval=soon: not a duration (examples: 500ms, 30s, 5m, 1h); using the default",
                "option scanInterval=5x: unknown unit 'x' (use ms, s, m or h); using the default",
                "option failureReportGap=1.5s: unknown unit '.5s' (use ms, s, m or h); using the default",
                "option shutdownTimeout=5-: not a duration (examples: 500ms, 30s, 5m, 1h); using the default");
        assertEquals(DEFAULTS, parsed.options());
    }

    @Test
    void negativeValues() {
        ParsedOptions parsed = parse("threshold=-1,stackDepth=-5,maxTracked=0,interval=-5s,shutdownTimeout=-1");
        assertProblems(parsed,
                "option threshold=-1: must be between 0 and 10000000; using the default",
                "option stackDepth=-5: must be between 0 and 1024; using the default",
                "option maxTracked=0: must be between 1 and 10000000; using the default",
                "option interval=-5s: must not be negative; using the default",
                "option shutdownTimeout=-1: must not be negative; using the default");
        assertEquals(DEFAULTS, parsed.options());
    }

    @Test
    void hugeValues() {
        ParsedOptions parsed = parse("maxTracked=99999999999999999999,threshold=20000000,stackDepth=100000,"
                + "interval=99999999999999999999s,scanInterval=200h,failureReportGap=9999999999999999m,"
                + "shutdownTimeout=2m");
        assertProblems(parsed,
                "option maxTracked=99999999999999999999: must be between 1 and 10000000; using the default",
                "option threshold=20000000: must be between 0 and 10000000; using the default",
                "option stackDepth=100000: must be between 0 and 1024; using the default",
                "option interval=99999999999999999999s: too large (at most 7 days); using the default",
                "option scanInterval=200h: too large (at most 7 days); using the default",
                "option failureReportGap=9999999999999999m: too large (at most 7 days); using the default",
                "option shutdownTimeout=2m: too large (at most 1 minute); using the default");
        assertEquals(DEFAULTS, parsed.options());
    }

    @Test
    void hugeNegativeNumberIsOutOfRangeNotMalformed() {
        ParsedOptions parsed = parse("threshold=-99999999999999999999,interval=-99999999999999999999");
        assertProblems(parsed,
                "option threshold=-99999999999999999999: must be between 0 and 10000000; using the default",
                "option interval=-99999999999999999999: must not be negative; using the default");
    }

    @Test
    void limitsThemselvesAreAccepted() {
        ParsedOptions parsed = parse("maxTracked=10000000,stackDepth=1024,interval=168h"
                + ",shutdownTimeout=1m,scanInterval=100ms");
        assertProblems(parsed);
        assertEquals(10_000_000, parsed.options().maxTracked());
        assertEquals(1024, parsed.options().stackDepth());
        assertEquals(Duration.ofDays(7), parsed.options().interval());
        assertEquals(Duration.ofMinutes(1), parsed.options().shutdownTimeout());
        assertEquals(Duration.ofMillis(100), parsed.options().scanInterval());
    }

    @Test
    void tooSmallAndZeroDurations() {
        ParsedOptions parsed = parse("interval=50ms,shutdownTimeout=0,failureReportGap=0,scanInterval=0");
        assertProblems(parsed,
                "option interval=50ms: too small (at least 100ms); using the default",
                "option shutdownTimeout=0: must be greater than zero; using the default");
        assertEquals(DEFAULTS.interval(), parsed.options().interval());
        assertEquals(DEFAULTS.shutdownTimeout(), parsed.options().shutdownTimeout());
        assertEquals(Duration.ZERO, parsed.options().failureReportGap(), "0 turns a periodic setting off");
        assertEquals(Duration.ZERO, parsed.options().scanInterval());
    }

    @Test
    void shutdownTimeoutCannotBeOff() {
        ParsedOptions parsed = parse("shutdownTimeout=off");
        assertProblems(parsed, "option shutdownTimeout=off: cannot be off; using the default");
        assertEquals(DEFAULTS.shutdownTimeout(), parsed.options().shutdownTimeout());
    }

    @Test
    void badBoolean() {
        ParsedOptions parsed = parse("summary=maybe");
        assertProblems(parsed, "option summary=maybe: must be true or false; using the default");
        assertEquals(DEFAULTS.summary(), parsed.options().summary());
    }

    @Test
    void invalidPath() {
        ParsedOptions parsed = parse("dir=a\u0000b,procRoot=x\u0000y");
        assertProblems(parsed,
                "option dir=a\u0000b: not a valid path; using the default",
                "option procRoot=x\u0000y: not a valid path; using the default");
        assertEquals(DEFAULTS.dir(), parsed.options().dir());
        assertEquals(DEFAULTS.procRoot(), parsed.options().procRoot());
    }

    @Test
    void emptyValue() {
        ParsedOptions parsed = parse("threshold=,dir= ");
        assertProblems(parsed,
                "option 'threshold' has an empty value; using the default",
                "option 'dir' has an empty value; using the default");
        assertEquals(DEFAULTS, parsed.options());
    }

    @Test
    void duplicateKeysLastValueWins() {
        ParsedOptions parsed = parse("threshold=5,threshold=7");
        assertProblems(parsed, "option 'threshold' given more than once; the last value wins");
        assertEquals(7, parsed.options().threshold());
    }

    @Test
    void malformedLastDuplicateMeansTheDefaultNotTheEarlierValue() {
        ParsedOptions parsed = parse("threshold=5,threshold=abc,maxTracked=9,maxTracked=");
        assertProblems(parsed,
                "option 'threshold' given more than once; the last value wins",
                "option threshold=abc: not a whole number; using the default",
                "option 'maxTracked' given more than once; the last value wins",
                "option 'maxTracked' has an empty value; using the default");
        assertEquals(DEFAULTS.threshold(), parsed.options().threshold());
        assertEquals(DEFAULTS.maxTracked(), parsed.options().maxTracked());
    }

    @Test
    void validLastDuplicateWinsOverAnEarlierMalformedOne() {
        ParsedOptions parsed = parse("threshold=abc,threshold=3");
        assertProblems(parsed,
                "option threshold=abc: not a whole number; using the default",
                "option 'threshold' given more than once; the last value wins");
        assertEquals(3, parsed.options().threshold());
    }

    @Test
    void strayCommasAreOneLine() {
        ParsedOptions parsed = parse(",threshold=5,, ,maxTracked=9,");
        assertProblems(parsed, "empty entries between commas in ',threshold=5,, ,maxTracked=9,' ignored");
        assertEquals(5, parsed.options().threshold());
        assertEquals(9, parsed.options().maxTracked());
    }

    @Test
    void onlyCommas() {
        ParsedOptions parsed = parse(",,,");
        assertProblems(parsed, "empty entries between commas in ',,,' ignored");
        assertEquals(DEFAULTS, parsed.options());
    }

    @Test
    void whitespaceAroundKeysAndValuesIsTrimmed() {
        ParsedOptions parsed = parse(" threshold = 5 , summary= off ");
        assertProblems(parsed);
        assertEquals(5, parsed.options().threshold());
        assertFalse(parsed.options().summary());
    }

    @Test
    void valueMayContainEquals() {
        ParsedOptions parsed = parse("dir=/tmp/a=b");
        assertProblems(parsed);
        assertEquals(Path.of("/tmp/a=b"), parsed.options().dir());
    }

    /** Whatever the text, the parser returns options within the documented bounds and never throws. */
    @Test
    void arbitraryTextNeverThrowsAndAlwaysGivesSaneOptions() {
        Random random = new Random(7);
        String alphabet = ",,,===--__ 0123456789smhxo.\u0000\u00e9" + String.join("", OptionsParser.KEYS);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(60);
            for (int c = 0; c < length; c++) {
                if (random.nextInt(8) == 0) {
                    text.append(OptionsParser.KEYS.get(random.nextInt(OptionsParser.KEYS.size()))).append('=');
                } else {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            ParsedOptions parsed = parse(text.toString());
            AgentOptions o = parsed.options();
            String why = "options '" + text + "' gave " + o;
            assertTrue(o.maxTracked() >= 1 && o.maxTracked() <= 10_000_000, why);
            assertTrue(o.stackDepth() >= 0 && o.stackDepth() <= 1024, why);
            assertTrue(o.threshold() >= 0, why);
            assertTrue(!o.shutdownTimeout().isZero() && !o.shutdownTimeout().isNegative()
                    && o.shutdownTimeout().compareTo(Duration.ofMinutes(1)) <= 0, why);
            for (Duration d : List.of(o.interval(), o.scanInterval(), o.failureReportGap())) {
                assertTrue(d.isZero() || d.toMillis() >= 100 && d.compareTo(Duration.ofDays(7)) <= 0, why);
            }
            parsed.problems().forEach(p -> assertFalse(p.contains("\n") || p.contains("Exception"), why + ": " + p));
        }
    }
}
